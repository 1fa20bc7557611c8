using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class ClusterQualityTests
{
    // Points 0, 1 (cluster 0) and 4, 6 (cluster 1) on a line: every index can be worked out by hand.
    private static readonly FeatureMatrix Line = FeatureMatrix.FromRows([[0f], [1f], [4f], [6f]]);
    private static readonly int[] LineLabels = [0, 0, 1, 1];

    [Fact]
    public void Silhouette_HandComputedExample()
    {
        // a/b per point: 0 → 1/5, 1 → 1/4, 4 → 2/3.5, 6 → 2/5.5.
        double expected = ((1 - (1 / 5.0)) + (1 - (1 / 4.0)) + (1 - (2 / 3.5)) + (1 - (2 / 5.5))) / 4;
        Assert.Equal(expected, ClusterQuality.Silhouette(Line, LineLabels), 1e-12);
    }

    [Fact]
    public void CalinskiHarabasz_HandComputedExample()
    {
        // Centres 0.5 and 5, overall mean 2.75: B = 2·2.25² + 2·2.25² = 20.25, W = 0.5 + 2 = 2.5, (B/1)/(W/2).
        Assert.Equal(20.25 / 1 / (2.5 / 2), ClusterQuality.CalinskiHarabasz(Line, LineLabels), 1e-9);
    }

    [Fact]
    public void DaviesBouldin_HandComputedExample()
    {
        // s0 = 0.5, s1 = 1, centre gap 4.5: both ratios are 1.5 / 4.5.
        Assert.Equal(1.5 / 4.5, ClusterQuality.DaviesBouldin(Line, LineLabels), 1e-12);
    }

    [Fact]
    public void Indices_OneCluster_AreNaN()
    {
        int[] one = [0, 0, 0, 0];
        Assert.True(double.IsNaN(ClusterQuality.Silhouette(Line, one)));
        Assert.True(double.IsNaN(ClusterQuality.CalinskiHarabasz(Line, one)));
        Assert.True(double.IsNaN(ClusterQuality.DaviesBouldin(Line, one)));
    }

    [Fact]
    public void Silhouette_Sampled_IsSeededAndCloseToExact()
    {
        var (features, truth) = SyntheticData.Blobs(3000, 2, 3, std: 1.5, seed: 2);
        double exact = ClusterQuality.Silhouette(features, truth, sampleSize: 3000);
        double sampled = ClusterQuality.Silhouette(features, truth, sampleSize: 800, seed: 7);
        Assert.Equal(sampled, ClusterQuality.Silhouette(features, truth, sampleSize: 800, seed: 7));
        Assert.Equal(exact, sampled, 0.05);
    }

    [Fact]
    public void Sweep_ThreeBlobs_SuggestsThree()
    {
        var (features, _) = SyntheticData.Blobs(900, 2, 3, std: 0.5, seed: 12, spread: 10);
        var result = KSelection.Sweep(features, new KMeansOptions { NInit = 2, Seed = 3 }, 1, 6);
        Assert.Equal(3, result.SuggestedK);
        Assert.Equal([1, 2, 3, 4, 5, 6], result.Ks);
        Assert.True(double.IsNaN(result.Silhouette[0]));
        for (int i = 1; i < result.Inertia.Count; i++)
        {
            Assert.True(result.Inertia[i] <= result.Inertia[i - 1] * (1 + 1e-9));
        }
    }

    [Fact]
    public void Sweep_BadRange_Throws() =>
        Assert.Equal("maxK", Assert.Throws<ArgumentOutOfRangeException>(() => KSelection.Sweep(Line, new KMeansOptions(), 3, 2)).ParamName);
}
