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

/// <summary>Feature scaling applied before clustering; centroids are reported back in the original units.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum FeatureStandardization
{
    /// <summary>Use the features as they are.</summary>
    None,

    /// <summary>(x − mean) / standard deviation per column; zero-variance columns get scale 1.</summary>
    ZScore,

    /// <summary>log(1 + x), then z-score: for skewed non-negative features such as spend or frequency.</summary>
    LogZScore,
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

    /// <summary>Scaling applied before clustering (default none).</summary>
    public FeatureStandardization Standardization { get; init; } = FeatureStandardization.None;

    /// <summary>Checks the settings on their own.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists all of them.</exception>
    public void Validate() => ThrowIfAny(Problems(null), "options");

    /// <summary>Checks the settings against data of the given shape.</summary>
    internal void ValidateFor(FeatureMatrix features) => ThrowIfAny(Problems(features), "options");

    private List<string> Problems(FeatureMatrix? features)
    {
        var problems = new List<string>();
        if (K < 1)
        {
            problems.Add($"K must be at least 1 (was {K}).");
        }

        if (NInit < 1)
        {
            problems.Add($"NInit must be at least 1 (was {NInit}).");
        }

        if (MaxIterations < 1)
        {
            problems.Add($"MaxIterations must be at least 1 (was {MaxIterations}).");
        }

        if (!double.IsFinite(Tolerance) || Tolerance < 0)
        {
            problems.Add($"Tolerance must be a finite number ≥ 0 (was {Tolerance}).");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            problems.Add($"MaxDegreeOfParallelism must be at least 1 (was {MaxDegreeOfParallelism}).");
        }

        if (!Enum.IsDefined(Algorithm))
        {
            problems.Add($"Algorithm {(int)Algorithm} is not defined.");
        }

        if (!Enum.IsDefined(Standardization))
        {
            problems.Add($"Standardization {(int)Standardization} is not defined.");
        }

        if (!Enum.IsDefined(Initialization))
        {
            problems.Add($"Initialization {(int)Initialization} is not defined.");
        }
        else if (Initialization == KMeansInitialization.Given)
        {
            if (InitialCentroids is null)
            {
                problems.Add("InitialCentroids must be set when Initialization is Given.");
            }
            else if (InitialCentroids.Rows != K)
            {
                problems.Add($"InitialCentroids has {InitialCentroids.Rows} rows; K is {K}.");
            }
        }
        else if (InitialCentroids is not null)
        {
            problems.Add($"InitialCentroids is set but Initialization is {Initialization}; use Given.");
        }

        if (features is not null)
        {
            if (features.Rows == 0)
            {
                problems.Add("features has no rows.");
            }
            else if (K > features.Rows)
            {
                problems.Add($"K ({K}) is greater than the number of rows ({features.Rows}).");
            }

            if (InitialCentroids is not null && InitialCentroids.Columns != features.Columns)
            {
                problems.Add($"InitialCentroids has {InitialCentroids.Columns} columns; features has {features.Columns}.");
            }
        }

        return problems;
    }

    private static void ThrowIfAny(List<string> problems, string parameterName)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid k-means options: " + string.Join(" ", problems), parameterName);
        }
    }
}
