using Loyalty.Core.Validation;

namespace Loyalty.Core.Rewards;

/// <summary>A loyalty tier: reached when the points earned in the tier window reach <paramref name="Threshold"/>.</summary>
/// <param name="Name">Name shown to the customer ("Silver").</param>
/// <param name="Threshold">Points earned within <see cref="LedgerOptions.TierWindow"/> needed (≥ 0).</param>
/// <param name="EarnMultiplier">Multiplier on points earned from purchases while in the tier (≥ 0).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record TierDefinition(string Name, long Threshold, double EarnMultiplier = 1.0);

/// <summary>Earning, expiry and tier rules of a <see cref="PointsLedger"/>.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record LedgerOptions
{
    /// <summary>Points per unit of currency spent, before the tier multiplier. <value>The default value is 1.</value></summary>
    public double PointsPerCurrencyUnit { get; init; } = 1.0;

    /// <summary>How long earned points stay pending (the return window) before they can be spent.
    /// <value>The default value is 14 days.</value></summary>
    public TimeSpan PendingPeriod { get; init; } = TimeSpan.FromDays(14);

    /// <summary>How long active points live before they expire, counted from activation.
    /// <value>The default value is 365 days.</value></summary>
    public TimeSpan ExpiryPeriod { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Money value of one point, for the liability report. <value>The default value is 0.01.</value></summary>
    public decimal PointValue { get; init; } = 0.01m;

    /// <summary>Tiers in increasing threshold order; the first must have threshold 0.
    /// <value>The default value is Member (0), Silver (1,000, ×1.25), Gold (5,000, ×1.5).</value></summary>
    public IReadOnlyList<TierDefinition> Tiers { get; init; } =
        [new("Member", 0), new("Silver", 1_000, 1.25), new("Gold", 5_000, 1.5)];

    /// <summary>The trailing window over which earned points count towards a tier. <value>The default value is 365 days.</value></summary>
    public TimeSpan TierWindow { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Downgrade rule: a customer keeps the highest tier they qualified for at any time within this period,
    /// so a tier lapses only after a full grace period below its threshold. <value>The default value is 90 days.</value></summary>
    public TimeSpan TierGracePeriod { get; init; } = TimeSpan.FromDays(90);

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
        v.NonNegative(nameof(PointsPerCurrencyUnit), PointsPerCurrencyUnit);
        v.NonNegative(nameof(PendingPeriod), PendingPeriod);
        v.Positive(nameof(ExpiryPeriod), ExpiryPeriod);
        v.NonNegative(nameof(PointValue), PointValue);
        v.Positive(nameof(TierWindow), TierWindow);
        v.NonNegative(nameof(TierGracePeriod), TierGracePeriod);
        if (!v.Require(Tiers is { Count: > 0 } && Tiers[0].Threshold == 0, nameof(Tiers), "must list at least one tier, the first with threshold 0"))
        {
            return;
        }

        for (int i = 0; i < Tiers.Count; i++)
        {
            v.NotBlank($"{nameof(Tiers)}[{i}].Name", Tiers[i].Name);
            v.NonNegative($"{nameof(Tiers)}[{i}].EarnMultiplier", Tiers[i].EarnMultiplier);
            if (i > 0)
            {
                v.Require(Tiers[i].Threshold > Tiers[i - 1].Threshold, $"{nameof(Tiers)}[{i}].Threshold",
                    $"must be above the previous tier's ('{Tiers[i].Name}': thresholds must increase)");
            }
        }
    }
}
