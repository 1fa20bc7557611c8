using Loyalty.Core.Validation;

namespace Loyalty.Core.Rewards;

/// <summary>A loyalty tier: reached when the points earned in the tier window reach <paramref name="Threshold"/>.</summary>
/// <param name="Name">Name shown to the customer ("Silver").</param>
/// <param name="Threshold">Points earned within <see cref="LedgerOptions.TierWindow"/> needed (≥ 0).</param>
/// <param name="EarnMultiplier">Multiplier on points earned from purchases while in the tier, in [0, 1,000]; decimal
/// so that 1.1 means exactly 1.1.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record TierDefinition(string Name, long Threshold, decimal EarnMultiplier = 1m);

/// <summary>Earning, expiry, tier and bound rules of a <see cref="PointsLedger"/>.</summary>
/// <remarks>
/// <para>Points are whole numbers. A purchase earns ⌊amount × <see cref="PointsPerCurrencyUnit"/> × tier
/// multiplier⌋ computed in <see cref="decimal"/> (exact for amounts written in decimal: 1.15 × 100 is 115), rounded
/// down so the program never issues a fraction of a point it did not promise.</para>
/// <para>Bounds: every command moves at most <see cref="MaxPointsPerCommand"/> points, a purchase is at most
/// <see cref="MaxPurchaseAmount"/>, and a customer's outstanding (pending + active) points stay at most
/// <see cref="MaxBalance"/>. Each bound has a hard ceiling checked here (see <see cref="Collect"/>), so no sum the
/// ledger forms can overflow. A command beyond a bound is refused with <see cref="LedgerLimitException"/>.</para>
/// <para>Options are versioned with the postings they governed: a durable store records the version in force with
/// each posting and replays it under that version, so changing the options applies to new postings only.</para>
/// <para>Thread safety: immutable; safe to share between threads.</para>
/// </remarks>
public sealed record LedgerOptions
{
    /// <summary>Points per unit of currency spent, before the tier multiplier, in [0, 1,000,000].
    /// <value>The default value is 1.</value></summary>
    public decimal PointsPerCurrencyUnit { get; init; } = 1m;

    /// <summary>How long earned points stay pending (the return window) before they can be spent.
    /// <value>The default value is 14 days.</value></summary>
    public TimeSpan PendingPeriod { get; init; } = TimeSpan.FromDays(14);

    /// <summary>How long active points live before they expire, counted from activation.
    /// <value>The default value is 365 days.</value></summary>
    public TimeSpan ExpiryPeriod { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Money value of one point, for the liability report, in [0, 1,000]. <value>The default value is 0.01.</value></summary>
    public decimal PointValue { get; init; } = 0.01m;

    /// <summary>Tiers in increasing threshold order; the first must have threshold 0.
    /// <value>The default value is Member (0), Silver (1,000, ×1.25), Gold (5,000, ×1.5).</value></summary>
    public IReadOnlyList<TierDefinition> Tiers { get; init; } =
        [new("Member", 0), new("Silver", 1_000, 1.25m), new("Gold", 5_000, 1.5m)];

    /// <summary>The trailing window over which earned points count towards a tier. <value>The default value is 365 days.</value></summary>
    public TimeSpan TierWindow { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Downgrade rule: a customer keeps the highest tier they qualified for at any time within this period,
    /// so a tier lapses only after a full grace period below its threshold. <value>The default value is 90 days.</value></summary>
    public TimeSpan TierGracePeriod { get; init; } = TimeSpan.FromDays(90);

    /// <summary>The most points one earn or redeem command may move, in [1, 10¹²].
    /// <value>The default value is 10,000,000.</value></summary>
    public long MaxPointsPerCommand { get; init; } = LedgerLimits.DefaultMaxPointsPerCommand;

    /// <summary>The largest purchase amount <see cref="PointsLedger.EarnForPurchase"/> accepts, in (0, 10¹²].
    /// <value>The default value is 1,000,000.</value></summary>
    public decimal MaxPurchaseAmount { get; init; } = LedgerLimits.DefaultMaxPurchaseAmount;

    /// <summary>The most outstanding (pending + active) points one customer may hold, in [1, 10¹⁵].
    /// <value>The default value is 1,000,000,000.</value></summary>
    public long MaxBalance { get; init; } = LedgerLimits.DefaultMaxBalance;

    /// <summary>How far before a customer's last command a new command may be dated and still be accepted: it is
    /// then recorded at the last command's time, so commands racing from parallel requests (each stamped by its own
    /// server clock) are serialised rather than refused. Older commands are refused.
    /// <value>The default value is 5 minutes.</value></summary>
    public TimeSpan OutOfOrderTolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks the options; every problem is reported in one exception.</summary>
    /// <exception cref="ArgumentException">One or more rules are invalid; the message lists them all.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(LedgerOptions));
        Collect(v);
        v.ThrowIfInvalid();
    }

    /// <summary>Adds every problem of the options to <paramref name="v"/> (for options records that nest these,
    /// such as the stores' options, so all their problems are reported together).</summary>
    /// <param name="v">The collector to add errors to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="v"/> is null.</exception>
    public void Collect(OptionsValidator v)
    {
        ArgumentNullException.ThrowIfNull(v);
        InRange(v, nameof(PointsPerCurrencyUnit), PointsPerCurrencyUnit, 0m, LedgerLimits.CeilingPointsPerCurrencyUnit);
        v.NonNegative(nameof(PendingPeriod), PendingPeriod);
        v.Positive(nameof(ExpiryPeriod), ExpiryPeriod);
        if (v.NonNegative(nameof(PointValue), PointValue))
        {
            InRange(v, nameof(PointValue), PointValue, 0m, LedgerLimits.CeilingPointValue);
        }

        v.Positive(nameof(TierWindow), TierWindow);
        v.NonNegative(nameof(TierGracePeriod), TierGracePeriod);
        v.NonNegative(nameof(OutOfOrderTolerance), OutOfOrderTolerance);
        InRange(v, nameof(MaxPointsPerCommand), MaxPointsPerCommand, 1m, LedgerLimits.CeilingPointsPerCommand);
        v.Require(MaxPurchaseAmount > 0m && MaxPurchaseAmount <= LedgerLimits.CeilingPurchaseAmount, nameof(MaxPurchaseAmount),
            $"must be in (0, {OptionsValidator.Format(LedgerLimits.CeilingPurchaseAmount)}] (was {OptionsValidator.Format(MaxPurchaseAmount)})");
        InRange(v, nameof(MaxBalance), MaxBalance, 1m, LedgerLimits.CeilingBalance);
        if (!v.Require(Tiers is { Count: > 0 } && Tiers[0] is { Threshold: 0 }, nameof(Tiers), "must list at least one tier, the first with threshold 0"))
        {
            return;
        }

        for (int i = 0; i < Tiers.Count; i++)
        {
            if (!v.NotNull($"{nameof(Tiers)}[{i}]", Tiers[i]))
            {
                continue;
            }

            v.NotBlank($"{nameof(Tiers)}[{i}].Name", Tiers[i].Name);
            InRange(v, $"{nameof(Tiers)}[{i}].EarnMultiplier", Tiers[i].EarnMultiplier, 0m, LedgerLimits.CeilingEarnMultiplier);
            if (i > 0 && Tiers[i - 1] is { } previous)
            {
                v.Require(Tiers[i].Threshold > previous.Threshold, $"{nameof(Tiers)}[{i}].Threshold",
                    $"must be above the previous tier's ('{Tiers[i].Name}': thresholds must increase)");
            }
        }
    }

    private static void InRange(OptionsValidator v, string property, decimal value, decimal min, decimal max) =>
        v.Require(value >= min && value <= max, property,
            $"must be in [{OptionsValidator.Format(min)}, {OptionsValidator.Format(max)}] (was {OptionsValidator.Format(value)})");
}
