using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class SegmentProfilerTests
{
    [Fact]
    public void Profile_SizesMeansMediansAndTopName()
    {
        var features = FeatureMatrix.FromRows([[1f, 10f], [3f, 20f], [5f, 90f], [100f, 0f], [200f, 0f]]);
        int[] labels = [0, 0, 0, 1, SegmentAssignment.Noise];
        string[] names = ["Champions", "Loyal", "Champions", "At risk", "Lost"];
        var profiles = SegmentProfiler.Profile(features, labels, names);
        Assert.Equal([SegmentAssignment.Noise, 0, 1], profiles.Select(p => p.SegmentId));
        var first = profiles[1];
        Assert.Equal(3, first.Size);
        Assert.Equal(0.6, first.Share, 1e-12);
        Assert.Equal([3.0, 40.0], first.Mean);
        Assert.Equal([3.0, 20.0], first.Median);
        Assert.Equal("Champions", first.TopName);
        Assert.Equal(2 / 3.0, first.TopNameShare, 1e-12);
    }

    [Fact]
    public void Profile_WithoutNames_TopNameNull_EvenCountMedianAveraged()
    {
        var profiles = SegmentProfiler.Profile(FeatureMatrix.FromRows([[1f], [4f]]), [0, 0]);
        Assert.Null(profiles[0].TopName);
        Assert.Equal(2.5, profiles[0].Median[0]);
    }

    [Fact]
    public void Profile_NameCountMismatch_Throws() =>
        Assert.Equal("rowNames", Assert.Throws<ArgumentException>(() => SegmentProfiler.Profile(FeatureMatrix.FromRows([[1f]]), [0], ["a", "b"])).ParamName);
}
