using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Lifetime;
using Loyalty.Core.Rewards;
using Loyalty.Core.Segmentation;
using Loyalty.Core.Validation;

namespace Loyalty.Core.Pipeline;

/// <summary>The purchase-process model the CLV step fits.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum PurchaseModelKind
{
    /// <summary>BG/NBD (Fader, Hardie and Lee 2005).</summary>
    BgNbd = 0,
    /// <summary>Modified BG/NBD (Batislam et al. 2007).</summary>
    ModifiedBgNbd = 1,
    /// <summary>Pareto/NBD (Schmittlein et al. 1987).</summary>
    ParetoNbd = 2,
}

/// <summary>Settings of the segmentation step: k-means on the customers' RFM features.</summary>
/// <remarks>Features, per customer: time since the last purchase (T − t_x), repeat purchases (x) and mean repeat
/// spend, standardised after log1p by default so long tails do not dominate.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed record SegmentationStepOptions
{
    /// <summary>The k-means settings. <value>The default value is k = 4, k-means++, 4 restarts, seed 0, log1p then
    /// z-score standardisation.</value></summary>
    public KMeansOptions KMeans { get; init; } = new() { K = 4, NInit = 4, Standardization = ScalingMethod.Log1pZScore };

    /// <summary>Adds every problem of the step's settings to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v)
    {
        if (v.NotNull(nameof(KMeans), KMeans))
        {
            KMeans.Collect(v.Nested(nameof(KMeans)), null);
        }
    }
}

/// <summary>Settings of the CLV step.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ClvStepOptions
{
    /// <summary>The purchase model. <value>The default value is <see cref="PurchaseModelKind.BgNbd"/>.</value></summary>
    public PurchaseModelKind Model { get; init; } = PurchaseModelKind.BgNbd;

    /// <summary>Fit settings for both models. <value>The default value is <see cref="FitOptions.Default"/>.</value></summary>
    public FitOptions Fit { get; init; } = FitOptions.Default;

    /// <summary>The CLV horizon, in the RFM step's time unit. <value>The default value is 52.</value></summary>
    public double Horizon { get; init; } = 52;

    /// <summary>Monthly discount rate. <value>The default value is 0.01.</value></summary>
    public double MonthlyDiscountRate { get; init; } = 0.01;

    /// <summary>The calculator settings for the RFM time unit <paramref name="unit"/>.</summary>
    internal ClvOptions ClvOptionsFor(TimeUnit unit) =>
        new() { Horizon = Horizon, MonthlyDiscountRate = MonthlyDiscountRate, UnitsPerMonth = ClvOptions.UnitsPerMonthFor(unit) };

    /// <summary>Adds every problem of the step's settings to <paramref name="v"/>; the CLV settings are checked by
    /// <see cref="ClvOptions"/>' own rules, so the step accepts exactly what the calculator accepts.</summary>
    internal void Collect(OptionsValidator v, TimeUnit unit)
    {
        if (v.Defined(nameof(Model), Model) && v.NotNull(nameof(Fit), Fit))
        {
            var parameterNames = Model switch
            {
                PurchaseModelKind.ModifiedBgNbd => ModifiedBgNbdModel.ParameterNames,
                PurchaseModelKind.ParetoNbd => ParetoNbdModel.ParameterNames,
                _ => BgNbdModel.ParameterNames,
            };
            Fit.Collect(v.Nested(nameof(Fit)), parameterNames.ToArray());
        }

        ClvOptionsFor(unit).Collect(v);
    }
}

/// <summary>Settings of the rewards step.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RewardStepOptions
{
    /// <summary>The rewards. <value>The default value is <see cref="RewardCatalogue.SeedExample"/>.</value></summary>
    public RewardCatalogue Catalogue { get; init; } = RewardCatalogue.SeedExample;

    /// <summary>The budget and caps. Required.</summary>
    public required AllocationConstraints Constraints { get; init; }

    /// <summary>Uplift estimates. <value>The default value is <see cref="HeuristicResponseModel"/>.</value></summary>
    public IRewardResponseModel Response { get; init; } = new HeuristicResponseModel();

    /// <summary>Prefix of offer ids. <value>The default value is "campaign".</value></summary>
    public string Campaign { get; init; } = "campaign";

    /// <summary>Adds every problem of the step's settings to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v)
    {
        v.NotNull(nameof(Catalogue), Catalogue);
        if (v.NotNull(nameof(Constraints), Constraints))
        {
            Constraints.Collect(v.Nested(nameof(Constraints)));
        }

        v.NotNull(nameof(Response), Response);
        v.NotBlank(nameof(Campaign), Campaign);
    }
}

/// <summary>Where the pipeline is: stage name, its number and the number of stages.</summary>
/// <param name="Stage">collect, summarise, segment, value, reward, feedback.</param>
/// <param name="Index">1-based stage number.</param>
/// <param name="Count">Stages in this pipeline.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct PipelineProgress(string Stage, int Index, int Count);
