using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Numerics;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

/// <summary>Issue 15, item 5: values whose squared distances overflow float are refused up front (row and column
/// named) instead of fitting to <c>converged: true</c> with an empty cluster.</summary>
public sealed class KMeansScaleTests
{
    /// <summary>Two groups of 50 rows around (±scale, scale), jittered by a fixed seed.</summary>
    internal static FeatureMatrix TwoGroups(double scale, int seed = 1)
    {
        var random = new Random(seed);
        var rows = new float[100][];
        for (int i = 0; i < rows.Length; i++)
        {
            double sign = i < 50 ? 1 : -1;
            rows[i] = [(float)(sign * scale * (0.9 + (0.2 * random.NextDouble()))), (float)(scale * (0.9 + (0.2 * random.NextDouble())))];
        }

        return FeatureMatrix.FromRows(rows);
    }

    public static TheoryData<KMeansInitialization, KMeansAlgorithm> EveryInitAndAlgorithm()
    {
        var data = new TheoryData<KMeansInitialization, KMeansAlgorithm>();
        foreach (var init in new[] { KMeansInitialization.KMeansPlusPlus, KMeansInitialization.KMeansParallel, KMeansInitialization.Random })
        {
            foreach (var algorithm in new[] { KMeansAlgorithm.Lloyd, KMeansAlgorithm.Hamerly, KMeansAlgorithm.Yinyang })
            {
                data.Add(init, algorithm);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryInitAndAlgorithm))]
    public void Fit_ValuesNear1e30_ThrowsNamingRowColumnAndLimit(KMeansInitialization init, KMeansAlgorithm algorithm)
    {
        var options = new KMeansOptions { K = 2, Initialization = init, Algorithm = algorithm };
        var error = Assert.Throws<ArgumentException>(() => new KMeans(options).Fit(TwoGroups(1e30)));
        Assert.Equal("features", error.ParamName);
        Assert.StartsWith("features row 0 column 0 is ", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 7.07E+17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneHugeValueLate_NamesItsRowAndColumn()
    {
        float[] data = TwoGroups(1).Data.ToArray();
        data[(73 * 2) + 1] = -3e20f;
        var error = Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { K = 2 }).Fit(new FeatureMatrix(data, 100, 2)));
        Assert.StartsWith("features row 73 column 1 is -3E+20", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryInitAndAlgorithm))]
    public void Fit_JustBelowScaleLimit_ConvergesWithTwoEqualFiniteClusters(KMeansInitialization init, KMeansAlgorithm algorithm)
    {
        // 5e17 per value with 2 columns is inside the documented limit 1e18/√2 ≈ 7.07e17: the fit must be right.
        var model = new KMeans(new KMeansOptions { K = 2, Initialization = init, Algorithm = algorithm, Seed = 3 }).Fit(TwoGroups(5e17));
        Assert.True(double.IsFinite(model.Inertia) && model.Inertia > 0, model.Inertia.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([50, 50], model.Sizes.OrderBy(s => s).ToArray());
        Assert.All(model.Centroids.Data.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Fit_ValuesNear1e30Standardized_FitsTheTwoGroups()
    {
        var model = new KMeans(new KMeansOptions { K = 2, Standardization = ScalingMethod.ZScore }).Fit(TwoGroups(1e30));
        Assert.Equal([50, 50], model.Sizes.OrderBy(s => s).ToArray());
        Assert.True(model.Converged);
    }

    [Fact]
    public void Fit_GivenCentroidNear1e30_ThrowsNamingInitialCentroids()
    {
        var options = new KMeansOptions
        {
            K = 2, Initialization = KMeansInitialization.Given, InitialCentroids = FeatureMatrix.FromRows([[0f, 0f], [1e30f, 0f]]),
        };
        var error = Assert.Throws<ArgumentException>(() => new KMeans(options).Fit(TwoGroups(1)));
        Assert.StartsWith("initialCentroids row 1 column 0 is 1E+30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MiniBatchFit_ValuesNear1e30_ThrowsNamingRowAndColumn()
    {
        var error = Assert.Throws<ArgumentException>(() => new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 2, BatchSize = 16 }).Fit(TwoGroups(1e30)));
        Assert.StartsWith("features row 0 column 0 is ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MiniBatchPartialFit_ValuesNear1e30_ThrowsNamingBatch()
    {
        var error = Assert.Throws<ArgumentException>(() => new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 2 }).PartialFit(TwoGroups(1e30)));
        Assert.StartsWith("batch row 0 column 0 is ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DbscanFit_ValuesNear1e30_ThrowsNamingRowAndColumn()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dbscan(new DbscanOptions { Eps = 1e29, MinSamples = 3 }).Fit(TwoGroups(1e30)));
        Assert.StartsWith("features row 0 column 0 is ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunCheck_NonFiniteInertia_ThrowsTrainingDivergedNotConverged()
    {
        var run = new KMeansRun([0f, 0f, 1f, 1f], ClusterLabels.From([0, 1], 2), double.PositiveInfinity, 4, Converged: true);
        var error = Assert.Throws<TrainingDivergedException>(() => RunCheck.EnsureFinite(run, 0, "Standardization"));
        Assert.Equal(4, error.Epoch);
        Assert.Equal("Standardization", error.OptionName);
        Assert.Contains("inertia is Infinity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunCheck_NaNCentroid_ThrowsNamingTheValue()
    {
        var run = new KMeansRun([0f, 0f, float.NaN, 1f], ClusterLabels.From([0, 1], 2), 1.0, 2, Converged: true);
        Assert.Contains("centroid value 2 is NaN", Assert.Throws<TrainingDivergedException>(() => RunCheck.EnsureFinite(run, 0, "Standardization")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MagnitudeScan_EveryLengthAndPosition_MatchesScalarReference()
    {
        float[] bad = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 2.5f, -2.5f];
        for (int length = 0; length <= 40; length++)
        {
            var data = Enumerable.Range(0, length).Select(i => (i % 5) - 2f).ToArray();
            Assert.Equal(-1, MagnitudeScan.FirstBeyond(data, 2f));
            for (int at = 0; at < length; at++)
            {
                foreach (float value in bad)
                {
                    float saved = data[at];
                    data[at] = value;
                    Assert.Equal(MagnitudeScan.FirstBeyondScalar(data, 2f), MagnitudeScan.FirstBeyond(data, 2f));
                    Assert.Equal(at, MagnitudeScan.FirstBeyond(data, 2f));
                    data[at] = saved;
                }
            }
        }
    }
}
