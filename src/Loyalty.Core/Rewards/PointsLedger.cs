namespace Loyalty.Core.Rewards;

/// <summary>
/// A loyalty points ledger: points are earned into lots that stay pending through the return window, become
/// spendable, and expire a fixed period after activation; redemptions spend the oldest lots first (FIFO, so the
/// points closest to expiry go first). Every command carries an event id and is idempotent: repeating it returns
/// the original result and changes nothing; reusing an id for a different command is an error. A balance never
/// goes negative — a redemption beyond the spendable points is refused whole.
/// </summary>
/// <remarks>Commands for one customer must come in time order (a command dated before the customer's last one is
/// refused), so expiry and tier decisions never have to be rewritten. Thread-safe: commands are serialised by a
/// lock. Every state change is an immutable <see cref="LedgerPosting"/> in the audit trail.</remarks>
public sealed class PointsLedger
{
    private readonly LedgerOptions _options;
    private readonly object _gate = new();
    private readonly Dictionary<CustomerId, Account> _accounts = [];
    private readonly Dictionary<string, (string Fingerprint, LedgerPosting? Result)> _seen = new(StringComparer.Ordinal);

    /// <summary>Creates an empty ledger.</summary>
    /// <exception cref="ArgumentException">Invalid options (all problems listed).</exception>
    public PointsLedger(LedgerOptions? options = null)
    {
        _options = options ?? new LedgerOptions();
        _options.Validate();
    }

    /// <summary>Credits <paramref name="points"/> (pending for the return window).</summary>
    /// <exception cref="ArgumentException">Points ≤ 0, an empty event id, an id reused for another command, or a
    /// date before the customer's last command.</exception>
    public LedgerPosting Earn(string eventId, CustomerId customer, long points, DateTime at)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return Execute(eventId, $"earn|{customer}|{points}|{at.Ticks}", customer, at, account => account.Credit(eventId, points, at))!;
    }

    /// <summary>Credits the points a purchase earns: ⌊amount × points per unit × tier multiplier⌋, the tier taken
    /// at the purchase. Returns null when the purchase earns no whole point.</summary>
    /// <exception cref="ArgumentException">A negative amount, or the problems <see cref="Earn"/> lists.</exception>
    public LedgerPosting? EarnForPurchase(string eventId, CustomerId customer, decimal amount, DateTime at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        return Execute(eventId, $"purchase|{customer}|{amount}|{at.Ticks}", customer, at, account =>
        {
            double multiplier = _options.Tiers[account.TierIndex(at)].EarnMultiplier;
            long points = (long)Math.Floor((double)amount * _options.PointsPerCurrencyUnit * multiplier);
            return points > 0 ? account.Credit(eventId, points, at) : null;
        });
    }

    /// <summary>Spends <paramref name="points"/>, oldest lots first.</summary>
    /// <exception cref="InsufficientPointsException">Fewer spendable points than asked; nothing is spent.</exception>
    /// <exception cref="ArgumentException">Points ≤ 0, or the problems <see cref="Earn"/> lists.</exception>
    public LedgerPosting Redeem(string eventId, CustomerId customer, long points, DateTime at)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return Execute(eventId, $"redeem|{customer}|{points}|{at.Ticks}", customer, at, account => account.Spend(eventId, points, at))!;
    }

    /// <summary>The customer's points by state at <paramref name="at"/> (an unknown customer has none). Reading
    /// changes nothing; ask for a moment at or after the customer's last command.</summary>
    public PointsBalance Balance(CustomerId customer, DateTime at)
    {
        lock (_gate)
        {
            if (!_accounts.TryGetValue(customer, out var account))
            {
                return new PointsBalance(0, 0, 0, 0, _options.Tiers[0].Name);
            }

            return account.Balance(at);
        }
    }

    /// <summary>The customer's audit trail, oldest first.</summary>
    public IReadOnlyList<LedgerPosting> History(CustomerId customer)
    {
        lock (_gate)
        {
            return _accounts.TryGetValue(customer, out var account) ? account.Postings.ToArray() : [];
        }
    }

    /// <summary>Program-wide issued, spent, expired, outstanding points, liability and breakage at <paramref name="at"/>.</summary>
    public LedgerReport Report(DateTime at)
    {
        lock (_gate)
        {
            long pending = 0, active = 0, spent = 0, expired = 0;
            foreach (var account in _accounts.Values)
            {
                var b = account.Balance(at);
                (pending, active, spent, expired) = (pending + b.Pending, active + b.Active, spent + b.Spent, expired + b.Expired);
            }

            long outstanding = pending + active;
            double breakage = spent + expired == 0 ? 0 : (double)expired / (spent + expired);
            return new LedgerReport(outstanding + spent + expired, spent, expired, outstanding, outstanding * _options.PointValue, breakage);
        }
    }

    private LedgerPosting? Execute(string eventId, string fingerprint, CustomerId customer, DateTime at, Func<Account, LedgerPosting?> command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        if (customer.Value is null)
        {
            throw new ArgumentException("A customer id is required.", nameof(customer));
        }

        lock (_gate)
        {
            if (_seen.TryGetValue(eventId, out var seen))
            {
                return seen.Fingerprint == fingerprint
                    ? seen.Result
                    : throw new ArgumentException($"Event id '{eventId}' was already used for a different command.", nameof(eventId));
            }

            if (!_accounts.TryGetValue(customer, out var account))
            {
                _accounts[customer] = account = new Account(customer, _options);
            }

            if (at < account.LastCommand)
            {
                throw new ArgumentException(
                    $"Event '{eventId}' for customer '{customer}' is dated {at:O}, before their last command ({account.LastCommand:O}).", nameof(at));
            }

            account.Settle(at);
            var result = command(account);
            account.LastCommand = at;
            _seen[eventId] = (fingerprint, result);
            return result;
        }
    }

    /// <summary>One customer's lots, totals and postings.</summary>
    private sealed class Account(CustomerId customer, LedgerOptions options)
    {
        private readonly List<Lot> _lots = [];
        private readonly List<(DateTime At, long Points)> _earned = [];
        private long _spent;
        private long _expired;

        internal DateTime LastCommand { get; set; } = DateTime.MinValue;

        internal List<LedgerPosting> Postings { get; } = [];

        internal LedgerPosting Credit(string eventId, long points, DateTime at)
        {
            _lots.Add(new Lot(eventId, points, at + options.PendingPeriod, at + options.PendingPeriod + options.ExpiryPeriod));
            _earned.Add((at, points));
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
        /// count as expired even before a command settles them.</summary>
        internal PointsBalance Balance(DateTime at)
        {
            long pending = _lots.Where(l => l.ActivatesAt > at).Sum(l => l.Remaining);
            long dueToExpire = _lots.Where(l => l.ExpiresAt <= at).Sum(l => l.Remaining);
            long active = _lots.Where(l => l.ActivatesAt <= at).Sum(l => l.Remaining) - dueToExpire;
            return new PointsBalance(pending, active, _spent, _expired + dueToExpire, options.Tiers[TierIndex(at)].Name);
        }

        /// <summary>The highest tier qualified for at any moment of the grace period ending at <paramref name="at"/>.
        /// Within an interval the sliding-window sum only rises at earnings, so its maximum is at the interval's start
        /// or at an earning inside it: those are the only moments to check.</summary>
        internal int TierIndex(DateTime at)
        {
            var graceStart = at.Ticks > options.TierGracePeriod.Ticks ? at - options.TierGracePeriod : DateTime.MinValue;
            int best = Math.Max(Qualified(at), Qualified(graceStart));
            foreach (var (earnedAt, _) in _earned)
            {
                if (earnedAt >= at - options.TierGracePeriod && earnedAt <= at)
                {
                    best = Math.Max(best, Qualified(earnedAt));
                }
            }

            return best;
        }

        private int Qualified(DateTime at)
        {
            var windowStart = at.Ticks > options.TierWindow.Ticks ? at - options.TierWindow : DateTime.MinValue;
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

        private LedgerPosting Post(string eventId, PostingKind kind, long points, DateTime at)
        {
            var posting = new LedgerPosting(eventId, customer, kind, points, at);
            Postings.Add(posting);
            return posting;
        }
    }

    private sealed class Lot(string eventId, long points, DateTime activatesAt, DateTime expiresAt)
    {
        public string EventId { get; } = eventId;

        public DateTime ActivatesAt { get; } = activatesAt;

        public DateTime ExpiresAt { get; } = expiresAt;

        public long Remaining { get; set; } = points;
    }
}
