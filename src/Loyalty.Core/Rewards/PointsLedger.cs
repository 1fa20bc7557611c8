using System.Collections.Concurrent;
using System.Globalization;

namespace Loyalty.Core.Rewards;

/// <summary>
/// A loyalty points ledger: points are earned into lots that stay pending through the return window, become
/// spendable, and expire a fixed period after activation; redemptions spend the oldest lots first (FIFO, so the
/// points closest to expiry go first). A balance never goes negative — a redemption beyond the spendable points is
/// refused whole — and never exceeds the bounds of <see cref="LedgerOptions"/> (named
/// <see cref="LedgerLimitException"/>s), so no total can overflow.
/// </summary>
/// <remarks>
/// <para>Idempotency: every command carries an event id. Repeating a command — the same customer, kind and points
/// (or purchase amount) — returns the original posting and changes nothing, whatever time the retry carries, so a
/// retry stamped by a later server clock is still recognised. Reusing an id for a different command throws
/// <see cref="LedgerEventConflictException"/>. A refused command (insufficient points, a bound) records nothing, so
/// its id stays free.</para>
/// <para>Time order: a customer's commands are applied in time order. A command dated up to
/// <see cref="LedgerOptions.OutOfOrderTolerance"/> before the customer's last one is recorded at the last one's time
/// (parallel requests are serialised, not refused); an older one is refused.</para>
/// <para>Thread safety: thread-safe. Commands on one account are serialised by a lock per account; commands on
/// different accounts run in parallel. Every state change is an immutable <see cref="LedgerPosting"/> in the audit
/// trail.</para>
/// <para>Erasure: as an <see cref="ICustomerErasureParticipant"/> the ledger forgets a customer's account, postings
/// and event ids.</para>
/// </remarks>
public sealed class PointsLedger : ICustomerErasureParticipant
{
    private readonly LedgerOptions _options;
    private readonly ConcurrentDictionary<CustomerId, LedgerAccount> _accounts = new();
    private readonly ConcurrentDictionary<string, RecordedEvent> _events = new(StringComparer.Ordinal);

    /// <summary>Creates an empty ledger.</summary>
    /// <param name="options">The rules for new postings; null for the defaults.</param>
    /// <exception cref="ArgumentException">Invalid options (all problems listed).</exception>
    public PointsLedger(LedgerOptions? options = null)
    {
        _options = options ?? new LedgerOptions();
        _options.Validate();
    }

    /// <inheritdoc/>
    public string Name => "points-ledger";

    /// <summary>Credits <paramref name="points"/> (pending for the return window).</summary>
    /// <param name="eventId">The command's idempotency key.</param>
    /// <param name="customer">The customer.</param>
    /// <param name="points">Points to credit, in [1, <see cref="LedgerOptions.MaxPointsPerCommand"/>].</param>
    /// <param name="at">When the points were earned.</param>
    /// <returns>The earn posting (the original one when the command is a retry).</returns>
    /// <exception cref="LedgerLimitException">More points than <see cref="LedgerOptions.MaxPointsPerCommand"/>, or a
    /// balance beyond <see cref="LedgerOptions.MaxBalance"/>.</exception>
    /// <exception cref="LedgerEventConflictException">The event id was used for a different command.</exception>
    /// <exception cref="ArgumentException">Points ≤ 0, an empty event id, or a date older than the customer's last
    /// command by more than the tolerance.</exception>
    public LedgerPosting Earn(string eventId, CustomerId customer, long points, DateTime at)
    {
        CheckPoints(points, _options);
        return Execute(eventId, customer, Fingerprint("earn", customer, Invariant(points)), at,
            (account, when) => account.Credit(eventId, points, when, _options, _options))!;
    }

    /// <summary>Credits the points a purchase earns: ⌊amount × points per unit × tier multiplier⌋ in decimal
    /// arithmetic (rounded down), the tier taken at the purchase. Returns null when the purchase earns no whole point.</summary>
    /// <param name="eventId">The command's idempotency key.</param>
    /// <param name="customer">The customer.</param>
    /// <param name="amount">The amount spent, in [0, <see cref="LedgerOptions.MaxPurchaseAmount"/>].</param>
    /// <param name="at">When the purchase was made.</param>
    /// <returns>The earn posting, or null when no whole point is earned.</returns>
    /// <exception cref="LedgerLimitException">An amount above <see cref="LedgerOptions.MaxPurchaseAmount"/>, points
    /// above <see cref="LedgerOptions.MaxPointsPerCommand"/>, or a balance beyond <see cref="LedgerOptions.MaxBalance"/>.</exception>
    /// <exception cref="ArgumentException">A negative amount, or the problems <see cref="Earn"/> lists.</exception>
    public LedgerPosting? EarnForPurchase(string eventId, CustomerId customer, decimal amount, DateTime at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (amount > _options.MaxPurchaseAmount)
        {
            throw new LedgerLimitException(nameof(LedgerOptions.MaxPurchaseAmount), _options.MaxPurchaseAmount, amount, nameof(amount));
        }

        return Execute(eventId, customer, Fingerprint("purchase", customer, Invariant(amount)), at, (account, when) =>
        {
            decimal multiplier = _options.Tiers[account.TierIndex(when, _options)].EarnMultiplier;
            decimal points = PurchasePoints(amount, _options.PointsPerCurrencyUnit, multiplier);
            if (points > _options.MaxPointsPerCommand)
            {
                throw new LedgerLimitException(nameof(LedgerOptions.MaxPointsPerCommand), _options.MaxPointsPerCommand, points, nameof(amount));
            }

            return points >= 1m ? account.Credit(eventId, (long)points, when, _options, _options) : null;
        });
    }

    /// <summary>Spends <paramref name="points"/>, oldest lots first.</summary>
    /// <param name="eventId">The command's idempotency key.</param>
    /// <param name="customer">The customer.</param>
    /// <param name="points">Points to spend, in [1, <see cref="LedgerOptions.MaxPointsPerCommand"/>].</param>
    /// <param name="at">When the redemption was made.</param>
    /// <returns>The redeem posting (the original one when the command is a retry).</returns>
    /// <exception cref="InsufficientPointsException">Fewer spendable points than asked; nothing is spent.</exception>
    /// <exception cref="LedgerLimitException">More points than <see cref="LedgerOptions.MaxPointsPerCommand"/>.</exception>
    /// <exception cref="ArgumentException">Points ≤ 0, or the problems <see cref="Earn"/> lists.</exception>
    public LedgerPosting Redeem(string eventId, CustomerId customer, long points, DateTime at)
    {
        CheckPoints(points, _options);
        return Execute(eventId, customer, Fingerprint("redeem", customer, Invariant(points)), at,
            (account, when) => account.Spend(eventId, points, when))!;
    }

    /// <summary>Re-applies a posting recorded earlier — by a durable store rebuilding an account — under the options
    /// that were in force when it was recorded: its lot's pending and expiry periods come from
    /// <paramref name="optionsInForce"/>, and the per-command and balance bounds are not checked again (they were
    /// checked when it was accepted), so changing the options never changes or breaks the replay of history.</summary>
    /// <param name="posting">An earn or redeem posting, in the customer's time order.</param>
    /// <param name="optionsInForce">The options the posting was recorded under.</param>
    /// <returns>The posting as applied.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An expiry posting (expiries are derived, never replayed), invalid options,
    /// or the problems <see cref="Earn"/> lists.</exception>
    /// <exception cref="InsufficientPointsException">The history is inconsistent: a redemption beyond the points.</exception>
    /// <exception cref="LedgerLimitException">The history earns more than the ledger's hard lifetime limit.</exception>
    public LedgerPosting Replay(LedgerPosting posting, LedgerOptions optionsInForce)
    {
        ArgumentNullException.ThrowIfNull(posting);
        ArgumentNullException.ThrowIfNull(optionsInForce);
        optionsInForce.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(posting.Points, nameof(posting));
        string eventId = posting.EventId;
        return posting.Kind switch
        {
            PostingKind.Earn => Execute(eventId, posting.CustomerId, Fingerprint("earn", posting.CustomerId, Invariant(posting.Points)), posting.At,
                (account, when) => account.Credit(eventId, posting.Points, when, optionsInForce, bounds: null))!,
            PostingKind.Redeem => Execute(eventId, posting.CustomerId, Fingerprint("redeem", posting.CustomerId, Invariant(posting.Points)), posting.At,
                (account, when) => account.Spend(eventId, posting.Points, when))!,
            _ => throw new ArgumentException($"Posting '{eventId}' is an expiry; expiries are derived on replay, never replayed.", nameof(posting)),
        };
    }

    /// <summary>The customer's points by state at <paramref name="at"/> (an unknown customer has none). Reading
    /// changes nothing; ask for a moment at or after the customer's last command.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="at">The moment.</param>
    /// <returns>The balance.</returns>
    public PointsBalance Balance(CustomerId customer, DateTime at)
    {
        if (customer.Value is null || !_accounts.TryGetValue(customer, out var account))
        {
            return new PointsBalance(0, 0, 0, 0, _options.Tiers[0].Name);
        }

        lock (account)
        {
            return account.Balance(at, _options);
        }
    }

    /// <summary>The customer's audit trail, oldest first.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The postings (empty for an unknown customer).</returns>
    public IReadOnlyList<LedgerPosting> History(CustomerId customer)
    {
        if (customer.Value is null || !_accounts.TryGetValue(customer, out var account))
        {
            return [];
        }

        lock (account)
        {
            return account.Postings.ToArray();
        }
    }

    /// <summary>Program-wide issued, spent, expired, outstanding points, liability and breakage at <paramref name="at"/>,
    /// summed in decimal (no total can overflow). Each account is read under its lock; accounts changing meanwhile
    /// are read before or after their change.</summary>
    /// <param name="at">The moment.</param>
    /// <returns>The report.</returns>
    public LedgerReport Report(DateTime at)
    {
        decimal pending = 0, active = 0, spent = 0, expired = 0;
        foreach (var account in _accounts.Values)
        {
            PointsBalance b;
            lock (account)
            {
                b = account.Balance(at, _options);
            }

            (pending, active, spent, expired) = (pending + b.Pending, active + b.Active, spent + b.Spent, expired + b.Expired);
        }

        decimal outstanding = pending + active;
        double breakage = spent + expired == 0 ? 0 : (double)(expired / (spent + expired));
        return new LedgerReport(outstanding + spent + expired, spent, expired, outstanding, outstanding * _options.PointValue, breakage);
    }

    /// <summary>Removes the customer's account, postings and event ids (under both of the subject's ids). Idempotent.</summary>
    /// <param name="subject">The customer.</param>
    /// <param name="cancellationToken">Not used: the removal is immediate.</param>
    /// <returns>How many postings were removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    public ValueTask<long> EraseCustomerAsync(ErasureSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        long removed = Erase(subject.CustomerId);
        if (subject.StoredId != subject.CustomerId)
        {
            removed += Erase(subject.StoredId);
        }

        return ValueTask.FromResult(removed);
    }

    /// <summary>The points a purchase earns before the bound check: ⌊amount × rate × multiplier⌋ in decimal. With
    /// the options' ceilings the product is at most 10²¹, far inside decimal's range.</summary>
    internal static decimal PurchasePoints(decimal amount, decimal pointsPerCurrencyUnit, decimal multiplier) =>
        decimal.Floor(amount * pointsPerCurrencyUnit * multiplier);

    private long Erase(CustomerId customer)
    {
        if (customer.Value is null || !_accounts.TryGetValue(customer, out var account))
        {
            return 0;
        }

        lock (account)
        {
            if (account.Erased)
            {
                return 0;
            }

            account.Erased = true;
            _accounts.TryRemove(KeyValuePair.Create(customer, account));
            foreach (string eventId in account.EventIds)
            {
                _events.TryRemove(eventId, out _);
            }

            return account.Postings.Count;
        }
    }

    private LedgerPosting? Execute(string eventId, CustomerId customer, string fingerprint, DateTime at, Func<LedgerAccount, DateTime, LedgerPosting?> command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        while (true)
        {
            var account = _accounts.GetOrAdd(customer, static c => new LedgerAccount(c));
            lock (account)
            {
                if (account.Erased)
                {
                    continue; // erased between the lookup and the lock: the next lookup makes a fresh account
                }

                if (_events.TryGetValue(eventId, out var recorded))
                {
                    return recorded.Fingerprint == fingerprint ? recorded.Result : throw new LedgerEventConflictException(eventId);
                }

                var when = Serialise(eventId, account, at);
                var claim = new RecordedEvent(fingerprint);
                if (!_events.TryAdd(eventId, claim))
                {
                    // Another customer's command took the id between the check and now; ours differs (another customer).
                    throw new LedgerEventConflictException(eventId);
                }

                try
                {
                    account.Settle(when);
                    claim.Result = command(account, when);
                    account.LastCommand = when;
                    account.EventIds.Add(eventId);
                    return claim.Result;
                }
                catch
                {
                    _events.TryRemove(KeyValuePair.Create(eventId, claim));
                    throw;
                }
            }
        }
    }

    /// <summary>The time a command is recorded at: its own, or the account's last command's when it is older by at
    /// most the tolerance (a request that lost a race); older still is refused.</summary>
    private DateTime Serialise(string eventId, LedgerAccount account, DateTime at)
    {
        if (at >= account.LastCommand)
        {
            return at;
        }

        if (account.LastCommand - at > _options.OutOfOrderTolerance)
        {
            throw new ArgumentException(
                $"Event '{eventId}' is dated {at:O}, more than {nameof(LedgerOptions.OutOfOrderTolerance)} ({_options.OutOfOrderTolerance}) before the customer's last command ({account.LastCommand:O}).",
                nameof(at));
        }

        return account.LastCommand;
    }

    private static void CheckPoints(long points, LedgerOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        if (points > options.MaxPointsPerCommand)
        {
            throw new LedgerLimitException(nameof(LedgerOptions.MaxPointsPerCommand), options.MaxPointsPerCommand, points, nameof(points));
        }
    }

    /// <summary>What makes two commands the same: kind, customer (length-prefixed, so no id can imitate another)
    /// and argument — never the time, so a retry stamped later by the server is still the same command.</summary>
    private static string Fingerprint(string kind, CustomerId customer, string argument)
    {
        string id = customer.Value ?? throw new ArgumentException("A customer id is required.", nameof(customer));
        return string.Create(CultureInfo.InvariantCulture, $"{kind}|{id.Length}:{id}|{argument}");
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The amount with trailing zeros removed, so 1.5 and 1.50 are the same command.</summary>
    private static string Invariant(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>An event id's command and, once it has run, its result (null for a purchase earning no point).</summary>
    private sealed class RecordedEvent(string fingerprint)
    {
        public string Fingerprint { get; } = fingerprint;

        public LedgerPosting? Result { get; set; }
    }
}
