namespace Loyalty.Core;

/// <summary>Durable customer records: consent, opt-out and attributes, and erasure of everything about a customer.</summary>
/// <remarks>Customer ids are passed in clear; a store that pseudonymises keeps only the pseudonym (see
/// <see cref="ILoyaltyStore.ToStoredId"/>). Records read back carry the stored id.
/// Thread safety: implementations state their guarantees; the SQLite and PostgreSQL stores are safe for concurrent use.</remarks>
public interface ICustomerStore
{
    /// <summary>Inserts or replaces customer records (consent, opt-out, attributes).</summary>
    Task UpsertCustomersAsync(IEnumerable<Customer> customers, CancellationToken cancellationToken = default);

    /// <summary>The customer's record, or null when the store has none.</summary>
    Task<Customer?> GetCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);

    /// <summary>Streams every customer record, ordered by stored id.</summary>
    IAsyncEnumerable<Customer> ReadCustomersAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that the customer objects to profiling (or withdraws the objection). The pipeline then keeps
    /// them out of scores, segments, values and offers. Creates the customer record when missing.</summary>
    Task SetProfilingOptOutAsync(CustomerId customerId, bool optOut, CancellationToken cancellationToken = default);

    /// <summary>Removes every row about the customer from every table (transactions, items, events, feedback,
    /// ledger, segment assignments, the customer record), in one database transaction. Erasure lasts: the store
    /// keeps a tombstone (a keyed hash of the id, never the id, and the erasure time), so ingesting the customer's
    /// old rows again skips them (<see cref="IngestResult.Erased"/>); and a profiling opt-out outlives the erasure
    /// as a record holding nothing else. Data the host keeps outside the store (in-memory logs and ledgers, fitted
    /// models, reports) is reached through <see cref="ICustomerErasureParticipant"/>.</summary>
    /// <returns>Rows removed per table.</returns>
    Task<ErasureReport> EraseCustomerAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}

/// <summary>What an erasure removed.</summary>
/// <param name="StoredId">The customer's id as stored (the pseudonym when the store pseudonymises).</param>
/// <param name="RowsByTable">Rows removed, per table name; every table holding customer data is listed, with 0 when
/// it held nothing about the customer.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ErasureReport(CustomerId StoredId, IReadOnlyDictionary<string, long> RowsByTable)
{
    /// <summary>True when the customer had objected to profiling and the store kept that objection (a customer
    /// record with the opt-out and nothing else).</summary>
    /// <value>The default value is false.</value>
    public bool ProfilingOptOutKept { get; init; }

    /// <summary>Rows removed over all tables.</summary>
    public long TotalRows => RowsByTable.Values.Sum();
}
