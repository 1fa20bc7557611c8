namespace Loyalty.Core;

/// <summary>
/// Durable state of a loyalty program that runs in cycles: the cycles and their stages, the decision log, the
/// outbox of offers to deliver, the outcomes applied to the learner and the learner's state. Everything a cycle
/// needs lives here, so a cycle interrupted at any point (even by kill -9) resumes in a new process and decides as
/// the old one would have. Customer ids are the ids the store keeps (see <see cref="ILoyaltyStore.ToStoredId"/>);
/// nothing here keys them again.
/// </summary>
/// <remarks>Implementations: the SQLite and PostgreSQL stores. Writes that belong together (decisions with their
/// outbox rows; outcomes with the learner state; a delivery's status with its feedback event) commit in one
/// database transaction.
/// Thread safety: implementations state their guarantees; the SQLite and PostgreSQL stores are safe for concurrent use.</remarks>
public interface IProgramStore
{
    /// <summary>The program's cycles, ordered by number.</summary>
    Task<IReadOnlyList<ProgramCycleRecord>> ReadCyclesAsync(string program, CancellationToken cancellationToken = default);

    /// <summary>Records a new cycle at <see cref="ProgramCycleStage.Started"/>. When the cycle is already recorded,
    /// nothing is written and the stored record is returned (the caller compares it).</summary>
    /// <exception cref="ArgumentException">The cycle number is not the next one (the latest + 1), or the record is
    /// incomplete.</exception>
    Task<ProgramCycleRecord> StartCycleAsync(ProgramCycleRecord cycle, CancellationToken cancellationToken = default);

    /// <summary>Moves the cycle to <paramref name="stage"/>; a stage at or before the stored one changes nothing.</summary>
    /// <exception cref="ArgumentException">The cycle is not recorded.</exception>
    Task AdvanceCycleAsync(string program, int cycle, ProgramCycleStage stage, CancellationToken cancellationToken = default);

    /// <summary>Writes the cycle's decisions, an outbox row (pending) for each decision not held out, and the cycle's
    /// stage <see cref="ProgramCycleStage.Decided"/>, in one transaction. When the cycle already holds decisions,
    /// nothing is written.</summary>
    /// <returns>True when written; false when the cycle had already been decided.</returns>
    /// <exception cref="ArgumentException">A decision names another program or cycle, or two share an offer id.</exception>
    Task<bool> SaveDecisionsAsync(string program, int cycle, IReadOnlyList<ProgramDecision> decisions, CancellationToken cancellationToken = default);

    /// <summary>Streams the program's decisions from cycle <paramref name="fromCycle"/> on, ordered by cycle then
    /// offer id, each with its applied outcome and delivery state.</summary>
    IAsyncEnumerable<StoredDecision> ReadDecisionsAsync(string program, int fromCycle = 1, CancellationToken cancellationToken = default);

    /// <summary>Records new outcomes of decisions together with the learner state that includes them, in one
    /// transaction, so the state and the outcomes it counted never disagree after a crash.</summary>
    /// <param name="program">The program.</param>
    /// <param name="outcomes">Offer id and the outcome now applied.</param>
    /// <param name="stateKey">The learner's state key.</param>
    /// <param name="state">The learner's state after applying them.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentException">An offer id is not a decision of the program.</exception>
    Task SaveOutcomesAsync(string program, IReadOnlyList<KeyValuePair<string, DecisionOutcome>> outcomes, string stateKey, byte[] state, CancellationToken cancellationToken = default);

    /// <summary>A state blob of the program (the learner's, the segments' centroids, …), or null when none is stored.</summary>
    Task<byte[]?> ReadStateAsync(string program, string stateKey, CancellationToken cancellationToken = default);

    /// <summary>Stores a state blob of the program, replacing the previous one.</summary>
    Task SaveStateAsync(string program, string stateKey, byte[] state, CancellationToken cancellationToken = default);

    /// <summary>The outbox rows still pending with fewer than <paramref name="maxAttempts"/> attempts, ordered by
    /// cycle then offer id.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadPendingDeliveriesAsync(string program, int maxAttempts, CancellationToken cancellationToken = default);

    /// <summary>Counts a sending attempt before the channel is called (so an attempt cut short by a crash counts).</summary>
    /// <returns>The attempt's number (1 for the first).</returns>
    /// <exception cref="ArgumentException">No outbox row has this offer id.</exception>
    Task<int> BeginDeliveryAsync(string offerId, CancellationToken cancellationToken = default);

    /// <summary>Marks the offer delivered (recording a <see cref="FeedbackKind.Delivered"/> event with id
    /// "<c>offerId</c>:delivered") or failed (<see cref="FeedbackKind.Failed"/>, id "<c>offerId</c>:failed"), in one
    /// transaction. A row already delivered or failed is left as it is.</summary>
    /// <param name="offerId">The offer.</param>
    /// <param name="delivered">True when the channel accepted it; false when it failed for good.</param>
    /// <param name="detail">The channel's detail.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentException">No outbox row has this offer id.</exception>
    Task CompleteDeliveryAsync(string offerId, bool delivered, string? detail, DateTime at, CancellationToken cancellationToken = default);

    /// <summary>Streams the transactions dated at or after <paramref name="since"/> (purchases and returns), with
    /// stored customer ids, ordered by customer then time: the purchases that answer open decisions.</summary>
    IAsyncEnumerable<Transaction> ReadTransactionsSinceAsync(DateTime since, CancellationToken cancellationToken = default);
}
