using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Numerics;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class KMeansTests
{
    // 3 chunks of 4096 rows and a partial one, so two threads really split the work.
    private static readonly (FeatureMatrix Features, int[] Truth) Overlapping = SyntheticData.Blobs(13_000, 5, 12, std: 4, seed: 11);

    public static TheoryData<KMeansAlgorithm, KMeansInitialization> Variants => new()
    {
        { KMeansAlgorithm.Lloyd, KMeansInitialization.KMeansPlusPlus },
        { KMeansAlgorithm.Hamerly, KMeansInitialization.KMeansPlusPlus },
        { KMeansAlgorithm.Yinyang, KMeansInitialization.KMeansPlusPlus },
        { KMeansAlgorithm.Lloyd, KMeansInitialization.KMeansParallel },
        { KMeansAlgorithm.Lloyd, KMeansInitialization.Random },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Fit_OneAndTwoThreads_BitwiseIdentical(KMeansAlgorithm algorithm, KMeansInitialization init)
    {
        var options = new KMeansOptions { K = 6, Algorithm = algorithm, Initialization = init, Seed = 3, NInit = 2 };
        var one = new KMeans(options with { MaxDegreeOfParallelism = 1 }).Fit(Overlapping.Features);
        var two = new KMeans(options with { MaxDegreeOfParallelism = 2 }).Fit(Overlapping.Features);
        Assert.Equal(one.Labels, two.Labels);
        Assert.Equal(one.Centroids.Data.ToArray(), two.Centroids.Data.ToArray());
        Assert.Equal(one.Inertia, two.Inertia);
        Assert.Equal(one.Iterations, two.Iterations);
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Hamerly, 12)]
    [InlineData(KMeansAlgorithm.Yinyang, 12)]
    [InlineData(KMeansAlgorithm.Yinyang, 45)]
    public void Fit_BoundedAlgorithm_EqualsLloydFromSameStart(KMeansAlgorithm algorithm, int k)
    {
        // k = 45 gives Yinyang four centroid groups, so its group filter is exercised.
        var start = new KMeans(new KMeansOptions { K = k, MaxIterations = 1, Seed = 8 }).Fit(Overlapping.Features).Centroids;
        var options = new KMeansOptions { K = k, Initialization = KMeansInitialization.Given, InitialCentroids = start, Tolerance = 0 };
        var lloyd = new KMeans(options).Fit(Overlapping.Features);
        var bounded = new KMeans(options with { Algorithm = algorithm }).Fit(Overlapping.Features);
        Assert.True(lloyd.Iterations > 5, "the comparison should span several iterations");
        Assert.Equal(lloyd.Labels, bounded.Labels);
        Assert.Equal(lloyd.Centroids.Data.ToArray(), bounded.Centroids.Data.ToArray());
        Assert.Equal(lloyd.Inertia, bounded.Inertia);
        Assert.Equal(lloyd.Iterations, bounded.Iterations);
    }

    [Fact]
    public void Fit_SameSeed_Reproducible_OtherSeedDiffers()
    {
        var options = new KMeansOptions { K = 8, Seed = 5 };
        var first = new KMeans(options).Fit(Overlapping.Features);
        var again = new KMeans(options).Fit(Overlapping.Features);
        var other = new KMeans(options with { Seed = 6 }).Fit(Overlapping.Features);
        Assert.Equal(first.Labels, again.Labels);
        Assert.Equal(first.Inertia, again.Inertia);
        Assert.NotEqual(first.Centroids.Data.ToArray(), other.Centroids.Data.ToArray());
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Lloyd)]
    [InlineData(KMeansAlgorithm.Hamerly)]
    [InlineData(KMeansAlgorithm.Yinyang)]
    public void Fit_AtConvergence_EveryPointAssignedToNearestCentroid(KMeansAlgorithm algorithm)
    {
        var model = new KMeans(new KMeansOptions { K = 7, Algorithm = algorithm, Tolerance = 0, Seed = 1 }).Fit(Overlapping.Features);
        Assert.True(model.Converged);
        var features = Overlapping.Features;
        for (int i = 0; i < features.Rows; i++)
        {
            double own = DistanceKernels.SquaredEuclideanDouble(features.Row(i), model.Centroids.Row(model.Labels[i]));
            for (int c = 0; c < model.K; c++)
            {
                double other = DistanceKernels.SquaredEuclideanDouble(features.Row(i), model.Centroids.Row(c));
                // Labels come from float arithmetic: allow its rounding (relative 1e-5 of the squared norms).
                Assert.True(own <= other + 1e-5 * (1 + other), $"row {i}: centroid {c} is nearer ({other} < {own})");
            }
        }
    }

    [Fact]
    public void Fit_WellSeparatedBlobs_RecoveredExactly()
    {
        var (features, truth) = SyntheticData.Blobs(3000, 4, 5, std: 0.3, seed: 21, spread: 20);
        var model = new KMeans(new KMeansOptions { K = 5, NInit = 3, Seed = 2 }).Fit(features);
        var mapping = new Dictionary<int, int>();
        for (int i = 0; i < truth.Length; i++)
        {
            Assert.Equal(mapping.TryAdd(truth[i], model.Labels[i]) ? model.Labels[i] : mapping[truth[i]], model.Labels[i]);
        }

        Assert.Equal(5, mapping.Values.Distinct().Count());
        Assert.True(model.Converged);
    }

    [Fact]
    public void Fit_IntegerWeights_EqualDuplicatedRows()
    {
        var (features, _) = SyntheticData.Blobs(400, 3, 4, std: 2, seed: 4);
        var weights = Enumerable.Range(0, features.Rows).Select(i => (float)(1 + (i % 3))).ToArray();
        var duplicated = FeatureMatrix.FromRows(
            Enumerable.Range(0, features.Rows).SelectMany(i => Enumerable.Repeat(features.Row(i).ToArray(), (int)weights[i])).ToArray());
        var start = FeatureMatrix.FromRows(Enumerable.Range(0, 4).Select(i => features.Row(i * 7).ToArray()).ToArray());
        var options = new KMeansOptions { K = 4, Initialization = KMeansInitialization.Given, InitialCentroids = start, Tolerance = 0 };
        var weighted = new KMeans(options).Fit(features, weights);
        var expanded = new KMeans(options).Fit(duplicated);
        Assert.Equal(expanded.Inertia, weighted.Inertia, 1e-6 * expanded.Inertia);
        for (int at = 0; at < weighted.Centroids.Data.Length; at++)
        {
            Assert.Equal(expanded.Centroids.Data[at], weighted.Centroids.Data[at], 1e-4f);
        }
    }

    [Fact]
    public void Fit_InertiaMatchesExactObjectiveOfResult()
    {
        var model = new KMeans(new KMeansOptions { K = 5, Seed = 9 }).Fit(Overlapping.Features);
        double expected = 0;
        for (int i = 0; i < Overlapping.Features.Rows; i++)
        {
            expected += DistanceKernels.SquaredEuclideanDouble(Overlapping.Features.Row(i), model.Centroids.Row(model.Labels[i]));
        }

        Assert.Equal(expected, model.Inertia, 1e-9 * expected);
        Assert.Equal(Overlapping.Features.Rows, model.Sizes.Sum());
    }

    [Fact]
    public void Fit_ZScore_CentroidsReportedInOriginalUnits()
    {
        // Two blobs far apart on a large-scale column: centroids in original units sit near the blob centres.
        var rows = Enumerable.Range(0, 200).Select(i => new[] { i % 2 == 0 ? 1000f + (i % 7) : 5000f + (i % 5), (i % 2) * 3f + (i % 3) * 0.1f }).ToArray();
        var model = new KMeans(new KMeansOptions { K = 2, Standardization = ScalingMethod.ZScore, Seed = 1 }).Fit(FeatureMatrix.FromRows(rows));
        var firstColumn = new[] { model.Centroids[0, 0], model.Centroids[1, 0] }.Order().ToArray();
        Assert.Equal(1003f, firstColumn[0], 0.5f);
        Assert.Equal(5002f, firstColumn[1], 0.5f);
        Assert.Equal(model.Labels[0], model.Predict([1001f, 0f]));
        Assert.Equal(model.Labels[1], model.Predict([5001f, 3f]));
    }

    [Fact]
    public void Transform_ReturnsDistancesToEveryCentroid()
    {
        var model = new KMeans(new KMeansOptions { K = 3, Seed = 1 }).Fit(Overlapping.Features);
        var distances = new double[3];
        model.Transform(Overlapping.Features.Row(0), distances);
        Assert.Equal(Array.IndexOf(distances, distances.Min()), model.Predict(Overlapping.Features.Row(0)));
        Assert.Equal(Math.Sqrt(DistanceKernels.SquaredEuclideanDouble(Overlapping.Features.Row(0), model.Centroids.Row(2))), distances[2], 1e-9);
    }
}
