namespace Loyalty.Core.Storage;

/// <summary>
/// The behaviour the SQLite and PostgreSQL stores share: idempotent batched ingest keyed by order id or content,
/// RFM computed by the database, pseudonymised customer ids (every input id keyed, whatever it looks like), lasting
/// erasure across every table (tombstones), idempotent feedback,
/// segment assignments and a durable points ledger. Open a store with <c>SqliteLoyaltyStore.OpenAsync</c> or
/// <c>PostgresLoyaltyStore.OpenAsync</c>. Thread-safe: every call uses its own connection and transaction.
/// </summary>
/// <remarks>A store for another database derives from this class with an engine opened over its own
/// <see cref="IStoreDialect"/> (see <see cref="RelationalStoreEngine"/>).</remarks>
public abstract class RelationalLoyaltyStore : ILoyaltyStore, IPointsLedgerStore
{
    private readonly RelationalStoreEngine _engine;

    /// <summary>Wraps an opened engine.</summary>
    /// <param name="engine">The engine from <see cref="RelationalStoreEngine.OpenAsync"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is null.</exception>
    protected RelationalLoyaltyStore(RelationalStoreEngine engine)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        StoredIdFeedback = new StoredIdSink(engine);
    }

    /// <inheritdoc/>
    public IFeedbackSink StoredIdFeedback { get; }

    /// <summary>The schema version this library writes (the store is migrated to it on open).</summary>
    public int SchemaVersion => _engine.SchemaVersion;

    /// <summary>True when customer ids are pseudonymised.</summary>
    public bool Pseudonymizes => _engine.Options.Pseudonymizer!.IsKeyed;

    /// <inheritdoc/>
    public CustomerId ToStoredId(CustomerId customerId) => _engine.ToStoredId(customerId);

#pragma warning disable RS0026 // Overloads with optional parameters are safe here: the progress overload has a required progress argument, so the ILoyaltyStore overload cannot be confused with it.
    /// <inheritdoc/>
    public Task<IngestResult> AppendAsync(IAsyncEnumerable<Transaction> transactions, CancellationToken cancellationToken = default) =>
        _engine.AppendAsync(transactions, null, cancellationToken);

    /// <summary>Appends transactions idempotently in batches that commit atomically, reporting after each batch.</summary>
    /// <param name="transactions">The transactions; the stream is read once.</param>
    /// <param name="progress">Told the running totals after each committed batch.</param>
    /// <param name="cancellationToken">Stops between rows; committed batches stay committed.</param>
    public Task<IngestResult> AppendAsync(IAsyncEnumerable<Transaction> transactions, IProgress<IngestResult>? progress, CancellationToken cancellationToken = default) =>
        _engine.AppendAsync(transactions, progress, cancellationToken);
#pragma warning restore RS0026

    /// <inheritdoc/>
    public IAsyncEnumerable<Transaction> ReadAsync(CancellationToken cancellationToken = default) => _engine.ReadAsync(cancellationToken);

    /// <summary>Computes customer summaries inside the database: equal to the in-memory <c>RfmBuilder</c> with
    /// returns (negative amounts) dropped and identical rows kept. Ordered by stored customer id.</summary>
    public IAsyncEnumerable<CustomerSummary> SummarizeAsync(SummaryWindow window, CancellationToken cancellationToken = default) =>
        _engine.SummarizeAsync(window, cancellationToken);

    /// <inheritdoc/>
    public Task UpsertCustomersAsync(IEnumerable<Customer> customers, CancellationToken cancellationToken = default) =>
        _engine.UpsertCustomersAsync(customers, cancellationToken);

    /// <inheritdoc/>
    public Task<Customer?> GetCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        _engine.GetCustomerAsync(customerId, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<Customer> ReadCustomersAsync(CancellationToken cancellationToken = default) => _engine.ReadCustomersAsync(cancellationToken);

    /// <inheritdoc/>
    public Task SetProfilingOptOutAsync(CustomerId customerId, bool optOut, CancellationToken cancellationToken = default) =>
        _engine.SetProfilingOptOutAsync(customerId, optOut, cancellationToken);

    /// <inheritdoc/>
    public Task<ErasureReport> EraseCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        _engine.EraseCustomerAsync(customerId, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask RecordAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken = default) =>
        await _engine.RecordManyAsync([feedbackEvent], storedIds: false, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public Task<IngestResult> RecordManyAsync(IEnumerable<FeedbackEvent> events, CancellationToken cancellationToken = default) =>
        _engine.RecordManyAsync(events, storedIds: false, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<FeedbackEvent> ReadFeedbackAsync(CancellationToken cancellationToken = default) => _engine.ReadFeedbackAsync(cancellationToken);

    /// <inheritdoc/>
    public Task SaveAssignmentsAsync(string runId, IEnumerable<SegmentAssignment> assignments, CancellationToken cancellationToken = default) =>
        _engine.SaveAssignmentsAsync(runId, assignments, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<SegmentAssignment> ReadAssignmentsAsync(string runId, CancellationToken cancellationToken = default) =>
        _engine.ReadAssignmentsAsync(runId, cancellationToken);

    /// <inheritdoc/>
    public async Task<LedgerPosting> EarnAsync(string eventId, CustomerId customerId, long points, DateTime at, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return (await _engine.LedgerCommandAsync(eventId, customerId, "earn", points.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (ledger, id) => ledger.Earn(eventId, id, points, at), cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    public Task<LedgerPosting?> EarnForPurchaseAsync(string eventId, CustomerId customerId, decimal amount, DateTime at, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        return _engine.LedgerCommandAsync(eventId, customerId, "purchase", (amount / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture), // 1.5 and 1.50 are one command
            (ledger, id) => ledger.EarnForPurchase(eventId, id, amount, at), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<LedgerPosting> RedeemAsync(string eventId, CustomerId customerId, long points, DateTime at, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return (await _engine.LedgerCommandAsync(eventId, customerId, "redeem", points.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (ledger, id) => ledger.Redeem(eventId, id, points, at), cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    public async Task<PointsBalance> GetBalanceAsync(CustomerId customerId, DateTime at, CancellationToken cancellationToken = default)
    {
        var ledger = await _engine.LoadAccountAsync(customerId, cancellationToken).ConfigureAwait(false);
        return ledger.Balance(ToStoredId(customerId), at);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LedgerPosting>> GetHistoryAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        var ledger = await _engine.LoadAccountAsync(customerId, cancellationToken).ConfigureAwait(false);
        return ledger.History(ToStoredId(customerId));
    }

    /// <summary>Releases pooled connections of the store.</summary>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return DisposeCoreAsync();
    }

    /// <summary>Records events whose customer ids are stored ids, as <see cref="ILoyaltyStore.StoredIdFeedback"/>.</summary>
    private sealed class StoredIdSink(RelationalStoreEngine engine) : IFeedbackSink
    {
        public async ValueTask RecordAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken = default) =>
            await engine.RecordManyAsync([feedbackEvent], storedIds: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Store-specific clean-up (connection pools); the base does nothing. Called once by
    /// <see cref="DisposeAsync"/>.</summary>
    /// <returns>A task that completes when the clean-up is done.</returns>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
}
