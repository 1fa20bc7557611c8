using Loyalty.Core.Validation;

namespace Loyalty.Core.Lifetime;

/// <summary>How to value customers over a horizon.</summary>
/// <remarks>CLV = Σ_i E[M]·(E[Y(t_i)] − E[Y(t_{i−1})]) / (1 + d)^{t_i / f}, with t_i = min(i·f, H), i = 1..⌈H/f⌉: monthly
/// steps of f time units (the last one partial), each month's expected purchases discounted at the monthly rate d.
/// Default months per unit follow the common convention (lifetimes): 4.345 weeks, 30 days, or 1 month per month.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ClvOptions
{
    /// <summary>Horizon H in the summaries' time unit (&gt; 0).</summary>
    public double Horizon { get; init; } = 52;

    /// <summary>Monthly discount rate d (≥ 0; 0.01 = 1 % a month).</summary>
    public double MonthlyDiscountRate { get; init; } = 0.01;

    /// <summary>f: time units per month (&gt; 0). See <see cref="UnitsPerMonthFor(TimeUnit)"/>.</summary>
    public double UnitsPerMonth { get; init; } = 4.345;

    /// <summary>The conventional units per month: 4.345 weeks (52.14 weeks / 12), 30 days, 1 month.</summary>
    /// <param name="unit">The summaries' time unit.</param>
    /// <returns>Units per month.</returns>
    public static double UnitsPerMonthFor(TimeUnit unit) => unit switch
    {
        TimeUnit.Week => 4.345,
        TimeUnit.Day => 30.0,
        TimeUnit.Month => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit; expected day, week or month."),
    };

    /// <summary>Checks every setting; all problems in one exception.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message lists every problem, each named as
    /// <c>ClvOptions.Property</c>.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(ClvOptions));
        Collect(v);
        v.ThrowIfInvalid();
    }

    /// <summary>Adds every problem of the settings to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v)
    {
        v.Positive(nameof(Horizon), Horizon);
        v.NonNegative(nameof(MonthlyDiscountRate), MonthlyDiscountRate);
        v.Positive(nameof(UnitsPerMonth), UnitsPerMonth);
    }
}
