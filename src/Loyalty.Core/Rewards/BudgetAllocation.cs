using Loyalty.Core.Validation;

namespace Loyalty.Core.Rewards;

/// <summary>One reward that could be offered to one customer, with its estimated value and cost.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="RewardId">The reward.</param>
/// <param name="Segment">The customer's segment, for per-segment caps (any key; null for none).</param>
/// <param name="ExpectedUplift">Expected incremental value of the offer, in money.</param>
/// <param name="ExpectedCost">Expected cost of the offer, in money (≥ 0).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct OfferCandidate(CustomerId CustomerId, string RewardId, string? Segment, double ExpectedUplift, double ExpectedCost);

/// <summary>Constraints of an allocation.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record AllocationConstraints
{
    /// <summary>Total expected cost allowed (≥ 0).</summary>
    public required double Budget { get; init; }

    /// <summary>Expected cost allowed per segment; segments not listed are only bound by the total.
    /// <value>The default value is empty.</value></summary>
    public IReadOnlyDictionary<string, double> SegmentBudgets { get; init; } = new Dictionary<string, double>();

    /// <summary>The most one customer's offer may cost; dearer candidates are left out.
    /// <value>The default value is +∞ (no cap).</value></summary>
    public double MaxCostPerCustomer { get; init; } = double.PositiveInfinity;

    /// <summary>Offers with an expected uplift below this are never made. <value>The default value is 0.</value></summary>
    public double MinimumUplift { get; init; }

    /// <summary>Checks the constraints; every problem is reported in one exception.</summary>
    /// <exception cref="ArgumentException">A negative or non-finite budget, or a bad segment budget.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(AllocationConstraints));
        Collect(v);
        v.ThrowIfInvalid();
    }

    /// <summary>Adds every problem of the constraints to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v)
    {
        v.NonNegative(nameof(Budget), Budget);
        foreach (var (segment, budget) in SegmentBudgets ?? new Dictionary<string, double>())
        {
            v.NonNegative($"{nameof(SegmentBudgets)}['{segment}']", budget);
        }

        // No cap is expressed as +∞, so only NaN and negative caps are wrong.
        v.Require(MaxCostPerCustomer >= 0, nameof(MaxCostPerCustomer), $"must be >= 0 (was {OptionsValidator.Format(MaxCostPerCustomer)})");
        v.Finite(nameof(MinimumUplift), MinimumUplift);
    }
}

/// <summary>The outcome of an allocation. Immutable.</summary>
/// <param name="Chosen">At most one candidate per customer.</param>
/// <param name="TotalUplift">Σ expected uplift of the chosen offers.</param>
/// <param name="TotalCost">Σ expected cost of the chosen offers (never above the budget).</param>
/// <param name="CostBySegment">Expected cost per segment.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record Allocation(
    IReadOnlyList<OfferCandidate> Chosen,
    double TotalUplift,
    double TotalCost,
    IReadOnlyDictionary<string, double> CostBySegment);
