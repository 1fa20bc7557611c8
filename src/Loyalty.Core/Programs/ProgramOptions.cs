using Loyalty.Core.Validation;

namespace Loyalty.Core.Programs;

/// <summary>Settings of a loyalty program that runs in cycles on a store.</summary>
/// <remarks>Validated through <see cref="Validate"/>, which reports every problem at once.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ProgramOptions
{
    /// <summary>The program's name; one store may hold several programs. <value>The default value is "loyalty".</value></summary>
    public string Name { get; init; } = "loyalty";

    /// <summary>Time between cycles. <value>The default value is 7 days.</value></summary>
    public TimeSpan CycleLength { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long after a decision a purchase counts as its response. At most <see cref="CycleLength"/>.
    /// <value>The default value is 7 days.</value></summary>
    public TimeSpan ResponseWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Money each cycle may spend on rewards, as expected cost of its offers. <value>The default value is 2,500.</value></summary>
    public decimal BudgetPerCycle { get; init; } = 2500m;

    /// <summary>Share of customers in the stable random holdout, in [0, 0.5]: they are never sent offers, and the
    /// decisions the policy would have made for them are recorded to measure uplift. <value>The default value is 0.1.</value></summary>
    public double HoldoutShare { get; init; } = 0.1;

    /// <summary>Gross margin as a share of spend, used to value purchases. <value>The default value is 0.3.</value></summary>
    public double MarginRate { get; init; } = 0.3;

    /// <summary>Cycles after a customer's offer during which they get no other (0: an offer every cycle is allowed).
    /// <value>The default value is 0.</value></summary>
    public int OfferCooldownCycles { get; init; }

    /// <summary>Cycles during which a decision's outcome keeps being updated by late events; later events are
    /// reported, not learned. <value>The default value is 8.</value></summary>
    public int FeedbackHorizonCycles { get; init; } = 8;

    /// <summary>Sending attempts per offer before it is marked failed. <value>The default value is 3.</value></summary>
    public int MaxDeliveryAttempts { get; init; } = 3;

    /// <summary>Segments the program keeps (k of k-means). <value>The default value is 6.</value></summary>
    public int Segments { get; init; } = 6;

    /// <summary>Seed of every random choice (holdout, exploration, k-means). <value>The default value is 0.</value></summary>
    public int Seed { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">Every problem found, in one message.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(ProgramOptions));
        Collect(v);
        v.ThrowIfInvalid();
    }

    /// <summary>Adds every problem of the settings to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v)
    {
        if (v.NotBlank(nameof(Name), Name))
        {
            v.Require(Name.Length <= 64 && !Name.Contains(':', StringComparison.Ordinal), nameof(Name), "must be at most 64 characters and contain no ':'");
        }

        v.Positive(nameof(CycleLength), CycleLength);
        if (v.Positive(nameof(ResponseWindow), ResponseWindow))
        {
            v.Require(ResponseWindow <= CycleLength, nameof(ResponseWindow), $"must be at most CycleLength ({CycleLength})");
        }

        v.NonNegative(nameof(BudgetPerCycle), BudgetPerCycle);
        v.InRange(nameof(HoldoutShare), HoldoutShare, 0, 0.5);
        v.InRange(nameof(MarginRate), MarginRate, 0, 1);
        v.AtLeast(nameof(OfferCooldownCycles), OfferCooldownCycles, 0);
        v.AtLeast(nameof(FeedbackHorizonCycles), FeedbackHorizonCycles, 1);
        v.AtLeast(nameof(MaxDeliveryAttempts), MaxDeliveryAttempts, 1);
        v.AtLeast(nameof(Segments), Segments, 1);
    }
}
