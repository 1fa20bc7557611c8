namespace Loyalty.Core.Rewards;

/// <summary>One customer's lots, totals and postings in a <see cref="PointsLedger"/>.</summary>
/// <remarks>Thread safety: not thread-safe; the ledger locks the account object around every use. Every total is
/// bounded by <see cref="LedgerLimits.MaxLifetimePoints"/>, so no sum here can overflow.</remarks>
internal sealed class LedgerAccount(CustomerId customer)
{
    private readonly List<Lot> _lots = [];
    private readonly List<(DateTime At, long Points)> _earned = [];
    private long _lifetimeEarned;
    private long _spent;
    private long _expired;

    internal DateTime LastCommand { get; set; } = DateTime.MinValue;

    /// <summary>Set, under the lock, when the account is erased: a command that found it before the erasure makes
    /// a fresh account instead.</summary>
    internal bool Erased { get; set; }

    internal List<string> EventIds { get; } = [];

    internal List<LedgerPosting> Postings { get; } = [];

    /// <summary>Adds a lot whose periods come from <paramref name="lotOptions"/> (the options the posting is recorded
    /// under), checking the balance bound of <paramref name="bounds"/> unless it is null (a replay).</summary>
    internal LedgerPosting Credit(string eventId, long points, DateTime at, LedgerOptions lotOptions, LedgerOptions? bounds)
    {
        if (points > LedgerLimits.MaxLifetimePoints - _lifetimeEarned)
        {
            throw new LedgerLimitException(nameof(LedgerLimits.MaxLifetimePoints), LedgerLimits.MaxLifetimePoints, (decimal)_lifetimeEarned + points, nameof(points));
        }

        if (bounds is not null)
        {
            long outstanding = _lots.Sum(l => l.Remaining);
            if (outstanding + points > bounds.MaxBalance)
            {
                throw new LedgerLimitException(nameof(LedgerOptions.MaxBalance), bounds.MaxBalance, outstanding + points, nameof(points));
            }
        }

        var activatesAt = AddSaturating(at, lotOptions.PendingPeriod);
        _lots.Add(new Lot(eventId, points, activatesAt, AddSaturating(activatesAt, lotOptions.ExpiryPeriod)));
        _earned.Add((at, points));
        _lifetimeEarned += points;
        return Post(eventId, PostingKind.Earn, points, at);
    }

    internal LedgerPosting Spend(string eventId, long points, DateTime at)
    {
        long active = _lots.Where(l => l.ActivatesAt <= at).Sum(l => l.Remaining);
        if (active < points)
        {
            throw new InsufficientPointsException(customer, points, active);
        }

        long left = points;
        foreach (var lot in _lots.Where(l => l.ActivatesAt <= at && l.Remaining > 0))
        {
            long take = Math.Min(left, lot.Remaining);
            lot.Remaining -= take;
            left -= take;
            if (left == 0)
            {
                break;
            }
        }

        _spent += points;
        _lots.RemoveAll(l => l.Remaining == 0);
        return Post(eventId, PostingKind.Redeem, points, at);
    }

    /// <summary>Expires every lot whose expiry has come, posting it at its expiry time.</summary>
    internal void Settle(DateTime at)
    {
        foreach (var lot in _lots.Where(l => l.ExpiresAt <= at && l.Remaining > 0).ToList())
        {
            _expired += lot.Remaining;
            Post("expire:" + lot.EventId, PostingKind.Expire, lot.Remaining, lot.ExpiresAt);
            lot.Remaining = 0;
        }

        _lots.RemoveAll(l => l.Remaining == 0);
    }

    /// <summary>The state at <paramref name="at"/>, read without changing the account: lots past their expiry
    /// count as expired even before a command settles them. The tier follows <paramref name="options"/>.</summary>
    internal PointsBalance Balance(DateTime at, LedgerOptions options)
    {
        long pending = _lots.Where(l => l.ActivatesAt > at).Sum(l => l.Remaining);
        long dueToExpire = _lots.Where(l => l.ExpiresAt <= at).Sum(l => l.Remaining);
        long active = _lots.Where(l => l.ActivatesAt <= at).Sum(l => l.Remaining) - dueToExpire;
        return new PointsBalance(pending, active, _spent, _expired + dueToExpire, options.Tiers[TierIndex(at, options)].Name);
    }

    /// <summary>The highest tier qualified for at any moment of the grace period ending at <paramref name="at"/>.
    /// Within an interval the sliding-window sum only rises at earnings, so its maximum is at the interval's start
    /// or at an earning inside it: those are the only moments to check.</summary>
    internal int TierIndex(DateTime at, LedgerOptions options)
    {
        var graceStart = SubtractSaturating(at, options.TierGracePeriod);
        int best = Math.Max(Qualified(at, options), Qualified(graceStart, options));
        foreach (var (earnedAt, _) in _earned)
        {
            if (earnedAt >= graceStart && earnedAt <= at)
            {
                best = Math.Max(best, Qualified(earnedAt, options));
            }
        }

        return best;
    }

    private int Qualified(DateTime at, LedgerOptions options)
    {
        var windowStart = SubtractSaturating(at, options.TierWindow);
        long inWindow = _earned.Where(e => e.At > windowStart && e.At <= at).Sum(e => e.Points);
        int tier = 0;
        for (int i = 1; i < options.Tiers.Count; i++)
        {
            if (inWindow >= options.Tiers[i].Threshold)
            {
                tier = i;
            }
        }

        return tier;
    }

    private static DateTime AddSaturating(DateTime at, TimeSpan span) =>
        DateTime.MaxValue.Ticks - at.Ticks < span.Ticks ? DateTime.MaxValue : at + span;

    private static DateTime SubtractSaturating(DateTime at, TimeSpan span) =>
        at.Ticks > span.Ticks ? at - span : DateTime.MinValue;

    private LedgerPosting Post(string eventId, PostingKind kind, long points, DateTime at)
    {
        var posting = new LedgerPosting(eventId, customer, kind, points, at);
        Postings.Add(posting);
        return posting;
    }

    private sealed class Lot(string eventId, long points, DateTime activatesAt, DateTime expiresAt)
    {
        public string EventId { get; } = eventId;

        public DateTime ActivatesAt { get; } = activatesAt;

        public DateTime ExpiresAt { get; } = expiresAt;

        public long Remaining { get; set; } = points;
    }
}
