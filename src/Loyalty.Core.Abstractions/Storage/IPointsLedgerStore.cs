namespace Loyalty.Core;

/// <summary>
/// A durable points ledger with the rules of <c>Loyalty.Core.Rewards.PointsLedger</c> (pending lots, FIFO redemption, expiry,
/// tiers, idempotent event ids). Each command runs in one database transaction that locks the customer's account,
/// so concurrent commands from many requests or processes are serialised: they never lose an update, overdraw a balance
/// or fail spuriously. Each posting records the version of the ledger options it was accepted under and is replayed
/// under it, so changing the options applies to new postings only. Retries are recognised without the time (event
/// id + customer + kind + points or amount); bounds and conflicts throw <see cref="LedgerLimitException"/> and
/// <see cref="LedgerEventConflictException"/>.
/// Implementations: the SQLite and PostgreSQL stores (through <c>Loyalty.Core.Storage.RelationalLoyaltyStore</c>).
/// </summary>
/// <remarks>Thread safety: implementations state their guarantees; the SQLite and PostgreSQL stores are safe for concurrent use.</remarks>
public interface IPointsLedgerStore
{
    /// <summary>Credits points; see <c>PointsLedger.Earn</c>.</summary>
    /// <exception cref="LedgerLimitException">A bound of the ledger options is exceeded; nothing is recorded.</exception>
    /// <exception cref="LedgerEventConflictException">The event id was used for a different command.</exception>
    Task<LedgerPosting> EarnAsync(string eventId, CustomerId customerId, long points, DateTime at, CancellationToken cancellationToken = default);

    /// <summary>Credits the points a purchase earns; see <c>PointsLedger.EarnForPurchase</c>.</summary>
    Task<LedgerPosting?> EarnForPurchaseAsync(string eventId, CustomerId customerId, decimal amount, DateTime at, CancellationToken cancellationToken = default);

    /// <summary>Spends points; see <c>PointsLedger.Redeem</c>.</summary>
    /// <exception cref="InsufficientPointsException">Fewer spendable points than asked; nothing is spent.</exception>
    Task<LedgerPosting> RedeemAsync(string eventId, CustomerId customerId, long points, DateTime at, CancellationToken cancellationToken = default);

    /// <summary>The customer's points by state at <paramref name="at"/>.</summary>
    Task<PointsBalance> GetBalanceAsync(CustomerId customerId, DateTime at, CancellationToken cancellationToken = default);

    /// <summary>The customer's postings, oldest first.</summary>
    Task<IReadOnlyList<LedgerPosting>> GetHistoryAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}
