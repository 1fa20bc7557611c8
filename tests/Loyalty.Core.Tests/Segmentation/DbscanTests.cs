using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class DbscanTests
{
    [Fact]
    public void Fit_TwoDenseGroupsAndOutlier_FindsBothAndNoise()
    {
        var rows = new List<float[]>();
        for (int i = 0; i < 30; i++)
        {
            rows.Add([i * 0.1f, 0f]);
            rows.Add([100f + (i * 0.1f), 50f]);
        }

        rows.Add([50f, -40f]);
        var model = new Dbscan(new DbscanOptions { Eps = 0.25, MinSamples = 3 }).Fit(FeatureMatrix.FromRows(rows));
        Assert.Equal(2, model.ClusterCount);
        Assert.Equal(1, model.NoiseCount);
        Assert.Equal(SegmentAssignment.Noise, model.Labels[^1]);
        Assert.Equal(0, model.Labels[0]);
        Assert.Equal(1, model.Labels[1]);
        Assert.Equal(0, model.Predict([1.05f, 0.05f]));
        Assert.Equal(SegmentAssignment.Noise, model.Predict([10f, 10f]));
    }

    [Fact]
    public void Fit_MatchesBruteForceDefinition()
    {
        var (features, _) = SyntheticData.Blobs(600, 2, 4, std: 1.2, seed: 5);
        const double eps = 0.6;
        const int minSamples = 5;
        var model = new Dbscan(new DbscanOptions { Eps = eps, MinSamples = minSamples }).Fit(features);
        for (int i = 0; i < features.Rows; i++)
        {
            int neighbours = Enumerable.Range(0, features.Rows).Count(j => global::Loyalty.Core.Numerics.DistanceKernels.SquaredEuclidean(features.Row(i), features.Row(j)) <= (float)(eps * eps));
            bool isCore = neighbours >= minSamples;
            Assert.Equal(isCore, model.CoreRows.Contains(i));
            if (isCore)
            {
                Assert.NotEqual(SegmentAssignment.Noise, model.Labels[i]);
            }
        }
    }

    [Fact]
    public void Options_Invalid_AllProblemsListed()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dbscan(new DbscanOptions { Eps = -1, MinSamples = 0 }));
        Assert.Contains("Eps", error.Message, StringComparison.Ordinal);
        Assert.Contains("MinSamples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TooManyColumns_Throws() =>
        Assert.Contains("at most 8", Assert.Throws<ArgumentException>(() => new Dbscan(new DbscanOptions { Eps = 1 }).Fit(new FeatureMatrix(new float[9], 1, 9))).Message, StringComparison.Ordinal);
}
