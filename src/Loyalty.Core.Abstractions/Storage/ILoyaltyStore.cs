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
    /// id itself. Every id passed to the store is keyed, whatever it looks like: a pseudonym passed again is keyed
    /// again, so someone who learns a pseudonym cannot act as that customer through any method of the store.</summary>
    CustomerId ToStoredId(CustomerId customerId);

    /// <summary>A feedback sink for events that name customers by the ids this store handed out (its summaries, and
    /// offers planned from them), which it records without keying them again. The pipeline records its issued
    /// events here; give it to a <c>BanditRewardLearner</c> as its inner sink when the learner sees offers planned
    /// from the store.</summary>
    /// <remarks>Host code only: ids arriving from requests or files go to <see cref="IFeedbackSink.RecordAsync"/>,
    /// which keys every id. A store that keeps ids in clear may return itself.</remarks>
    IFeedbackSink StoredIdFeedback { get; }
}
