namespace Loyalty.Core;

/// <summary>
/// One durable store for a loyalty program: transactions, customers, feedback and segment assignments (the points
/// ledger is <see cref="IPointsLedgerStore"/>). Implementations: the embedded SQLite store and the
/// PostgreSQL store.
/// </summary>
/// <remarks>Thread safety: implementations state their guarantees; the SQLite and PostgreSQL stores are safe for concurrent use.</remarks>
public interface ILoyaltyStore : ITransactionStore, ICustomerStore, IFeedbackStore, ISegmentAssignmentStore, IAsyncDisposable
{
    /// <summary>The id the store keeps for a customer: a keyed pseudonym when the store pseudonymises, otherwise the
    /// id itself. Idempotent: a stored id maps to itself, so ids read back from the store can be passed again.</summary>
    CustomerId ToStoredId(CustomerId customerId);
}
