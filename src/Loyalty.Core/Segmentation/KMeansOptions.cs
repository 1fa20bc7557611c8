using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Validation;

namespace Loyalty.Core.Segmentation;

/// <summary>How k-means iterates.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum KMeansAlgorithm
{
    /// <summary>Lloyd: every point is compared with every centroid each iteration (fused SIMD kernel).</summary>
    Lloyd,

    /// <summary>Hamerly (2010): distance bounds skip most comparisons; same result as Lloyd from the same start.</summary>
    Hamerly,

    /// <summary>Yinyang (Ding et al. 2015): per-group distance bounds, so a point searches only the groups of
    /// centroids that could be nearer; same result as Lloyd from the same start. Pays off with many clusters.</summary>
    Yinyang,
}

/// <summary>How the starting centroids are chosen.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum KMeansInitialization
{
    /// <summary>Greedy k-means++: 2 + ⌊ln k⌋ candidates per step, the one lowering the potential most is kept.</summary>
    KMeansPlusPlus,

    /// <summary>k-means‖ (Bahmani et al. 2012): a few oversampling rounds, then weighted k-means++ on the sample.
    /// Fewer passes than k-means++ when k is large.</summary>
    KMeansParallel,

    /// <summary>k distinct rows drawn at random (by weight when sample weights are given).</summary>
    Random,

    /// <summary>The rows of <see cref="KMeansOptions.InitialCentroids"/>.</summary>
    Given,
}

/// <summary>Settings of a k-means fit. Immutable; <see cref="Validate"/> reports every problem at once.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters (default 8).</summary>
    public int K { get; init; } = 8;

    /// <summary>Iteration scheme (default Lloyd).</summary>
    public KMeansAlgorithm Algorithm { get; init; } = KMeansAlgorithm.Lloyd;

    /// <summary>Starting centroids (default greedy k-means++).</summary>
    public KMeansInitialization Initialization { get; init; } = KMeansInitialization.KMeansPlusPlus;

    /// <summary>Starting centroids when <see cref="Initialization"/> is Given: K rows, in the units of the data
    /// passed to Fit (they are standardised along with the data).</summary>
    public FeatureMatrix? InitialCentroids { get; init; }

    /// <summary>Restarts with different seeds; the run with the lowest inertia is kept (default 1; Given runs once).</summary>
    public int NInit { get; init; } = 1;

    /// <summary>Most Lloyd iterations per run (default 300).</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Convergence tolerance relative to the data: a run stops when the summed squared centroid shift is at
    /// most Tolerance × the mean per-feature variance, as scikit-learn does (default 1e-4).</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Seed of every random choice; a seed gives the same result on any thread count (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>Threads used at most (default: all processors). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Scaling applied before clustering (default <see cref="ScalingMethod.None"/>); centroids are reported
    /// back in the original units.</summary>
    public ScalingMethod Standardization { get; init; } = ScalingMethod.None;

    /// <summary>Checks the settings on their own.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists all of them, each named
    /// as <c>KMeansOptions.Property</c>.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(KMeansOptions));
        Collect(v, null);
        v.ThrowIfInvalid();
    }

    /// <summary>Checks the settings against data of the given shape.</summary>
    internal void ValidateFor(FeatureMatrix features)
    {
        if (features.Rows == 0)
        {
            throw new ArgumentException("features has no rows.", nameof(features));
        }

        var v = new OptionsValidator(nameof(KMeansOptions));
        Collect(v, features);
        v.ThrowIfInvalid();
    }

    /// <summary>Adds every problem of the settings (and, given data, of the settings against its shape).</summary>
    internal void Collect(OptionsValidator v, FeatureMatrix? features)
    {
        if (v.AtLeast(nameof(K), K, 1) && features is not null)
        {
            v.Require(K <= features.Rows, nameof(K), $"must not exceed the number of rows of the data (was {K}; the data has {features.Rows} rows)");
        }

        v.AtLeast(nameof(NInit), NInit, 1);
        v.AtLeast(nameof(MaxIterations), MaxIterations, 1);
        v.NonNegative(nameof(Tolerance), Tolerance);
        v.AtLeast(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, 1);
        v.Defined(nameof(Algorithm), Algorithm);
        v.Defined(nameof(Standardization), Standardization);
        if (!v.Defined(nameof(Initialization), Initialization))
        {
            return;
        }

        if (Initialization == KMeansInitialization.Given)
        {
            if (v.Require(InitialCentroids is not null, nameof(InitialCentroids), "is required when Initialization is Given"))
            {
                v.Require(InitialCentroids!.Rows == K, nameof(InitialCentroids), $"must have K rows (was {InitialCentroids.Rows}; K is {K})");
            }
        }
        else
        {
            v.Require(InitialCentroids is null, nameof(InitialCentroids), $"must be null unless Initialization is Given (Initialization is {Initialization})");
        }

        if (InitialCentroids is not null && features is not null)
        {
            v.Require(InitialCentroids.Columns == features.Columns, nameof(InitialCentroids),
                $"must have as many columns as the data (was {InitialCentroids.Columns}; the data has {features.Columns})");
        }
    }
}
