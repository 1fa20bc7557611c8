namespace Loyalty.Core;

/// <summary>What a ledger posting did.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum PostingKind
{
    /// <summary>Points credited (pending first).</summary>
    Earn = 0,
    /// <summary>Points spent on a redemption.</summary>
    Redeem = 1,
    /// <summary>Points that reached their expiry date unspent.</summary>
    Expire = 2,
}

/// <summary>One immutable entry of the ledger's audit trail.</summary>
/// <param name="EventId">The idempotency key of the command that caused it (expiries: "expire:" + the lot's event id).</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Points">Points moved (> 0).</param>
/// <param name="At">When.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record LedgerPosting(string EventId, CustomerId CustomerId, PostingKind Kind, long Points, DateTime At);

/// <summary>A customer's points by state at a moment.</summary>
/// <param name="Pending">Earned, still in the return window.</param>
/// <param name="Active">Spendable.</param>
/// <param name="Spent">Redeemed so far.</param>
/// <param name="Expired">Lost to expiry so far.</param>
/// <param name="Tier">The tier at that moment.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct PointsBalance(long Pending, long Active, long Spent, long Expired, string Tier)
{
    /// <summary>Everything ever earned: pending + active + spent + expired.</summary>
    public long Earned => Pending + Active + Spent + Expired;
}

/// <summary>A redemption asked for more points than the customer can spend.</summary>
/// <remarks>Thread safety: immutable once constructed; safe to read from any thread.</remarks>
public sealed class InsufficientPointsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InsufficientPointsException(CustomerId customer, long requested, long active)
        : base($"Customer '{customer}' has {active} spendable points; {requested} were requested.")
    {
        CustomerId = customer;
        Requested = requested;
        Active = active;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>Points asked for.</summary>
    public long Requested { get; }

    /// <summary>Points spendable.</summary>
    public long Active { get; }
}
