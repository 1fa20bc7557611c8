using System.Diagnostics;
using Loyalty.Core.Features.Scaling;

namespace Loyalty.Core.Segmentation;

/// <summary>k-means clustering of feature rows: SIMD Lloyd or Hamerly iterations, greedy k-means++, k-means‖,
/// random or given starts, restarts, sample weights. Deterministic for a seed and bitwise identical for any thread
/// count. The instance holds only its options, so it can fit several data sets, also concurrently.</summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class KMeans : ISegmenter
{
    /// <summary>Creates a k-means segmenter.</summary>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    public KMeans(KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public KMeansOptions Options { get; }

    /// <summary>Fits k-means to <paramref name="features"/>.</summary>
    /// <param name="features">One row per customer; every value finite.</param>
    /// <param name="sampleWeights">One non-negative weight per row, or empty for equal weights.</param>
    /// <param name="progress">Told after every iteration.</param>
    /// <param name="cancellationToken">Stops the fit between passes.</param>
    /// <returns>The fitted model, from the restart with the lowest inertia (the first on ties).</returns>
    /// <exception cref="ArgumentException">Empty data, a NaN or infinite value (row and column named), a value so
    /// large that squared distances could overflow float (|x| above 1e18/√columns, after standardisation when
    /// asked; row and column named), bad weights, K above the row count or above the number of distinct rows, or
    /// options that do not fit the data.</exception>
    /// <exception cref="TrainingDivergedException">A run ended with a non-finite inertia or centroid (not expected
    /// once the scale check passed; never reported as converged).</exception>
    public KMeansModel Fit(
        FeatureMatrix features, ReadOnlyMemory<float> sampleWeights = default,
        IProgress<KMeansProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        Options.ValidateFor(features);
        FeatureValidation.EnsureFinite(features.Data, features.Columns, nameof(features));
        if (!sampleWeights.IsEmpty)
        {
            FeatureValidation.EnsureWeights(sampleWeights.Span, features.Rows, nameof(sampleWeights));
        }

        var scaler = Options.Standardization == ScalingMethod.None
            ? null
            : SegmentationScaler.Fit(features, Options.Standardization, nameof(features));
        ReadOnlyMemory<float> points = scaler is null ? features.Memory : scaler.Transform(features, nameof(features));
        FeatureValidation.EnsureDistancesFit(points.Span, features.Columns, nameof(features), scaler is not null);
        var data = new KMeansData(points, features.Rows, features.Columns, sampleWeights, Options.MaxDegreeOfParallelism);
        double tolerance = Options.Tolerance * DataStatistics.MeanColumnVariance(points.Span, data.Rows, data.Columns);

        var seeds = new Random(Options.Seed);
        int runs = Options.Initialization == KMeansInitialization.Given ? 1 : Options.NInit;
        KMeansRun? best = null;
        double initSeconds = 0;
        double fitSeconds = 0;
        for (int run = 0; run < runs; run++)
        {
            long start = Stopwatch.GetTimestamp();
            float[] initial = Initialize(data, scaler, seeds.Next(), cancellationToken);
            long iterating = Stopwatch.GetTimestamp();
            KMeansRun result = LloydSolver.Run(
                data, initial, Options.K, Options.Algorithm, Options.MaxIterations, tolerance, run, progress, cancellationToken);
            RunCheck.EnsureFinite(result, run, nameof(KMeansOptions.Standardization));
            initSeconds += Stopwatch.GetElapsedTime(start, iterating).TotalSeconds;
            fitSeconds += Stopwatch.GetElapsedTime(iterating).TotalSeconds;
            if (best is null || result.Inertia < best.Inertia)
            {
                best = result;
            }
        }

        return new KMeansModel(best!, features.Columns, scaler, Options.Algorithm, initSeconds, fitSeconds);
    }

    /// <inheritdoc />
    ISegmentationModel ISegmenter.Fit(FeatureMatrix features, CancellationToken cancellationToken) =>
        Fit(features, default, null, cancellationToken);

    private float[] Initialize(KMeansData data, SegmentationScaler? scaler, int seed, CancellationToken cancellationToken)
    {
        switch (Options.Initialization)
        {
            case KMeansInitialization.Given:
                FeatureMatrix given = Options.InitialCentroids!;
                FeatureValidation.EnsureFinite(given.Data, given.Columns, "initialCentroids");
                float[] start = scaler is null ? given.Data.ToArray() : scaler.Transform(given, "initialCentroids");
                FeatureValidation.EnsureDistancesFit(start, given.Columns, "initialCentroids", scaler is not null);
                return start;
            case KMeansInitialization.Random:
                return RandomInit.Choose(data, Options.K, new Random(seed));
            case KMeansInitialization.KMeansParallel:
                return KMeansParallelInit.Choose(data, Options.K, seed, cancellationToken);
            default:
                return KMeansPlusPlusInit.Choose(data, Options.K, new Random(seed), cancellationToken);
        }
    }
}
