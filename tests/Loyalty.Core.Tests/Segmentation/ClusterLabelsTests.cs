using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class ClusterLabelsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(65_536)]
    [InlineData(70_000)]
    public void From_AnyK_ReadsBackEveryLabelAndCountsSizes(int k)
    {
        var random = new Random(k);
        int[] labels = Enumerable.Range(0, 5_000).Select(i => i < 2 ? (i == 0 ? 0 : k - 1) : random.Next(k)).ToArray();

        var compact = ClusterLabels.From(labels, k);

        Assert.Equal(labels.Length, compact.Count);
        Assert.Equal(labels, compact);
        Assert.Equal(labels, Enumerable.Range(0, compact.Count).Select(i => compact[i]));
        Assert.Equal(Enumerable.Range(0, k).Select(c => labels.Count(l => l == c)), compact.Sizes);
    }

    [Fact]
    public void From_LabelOutsideK_ThrowsNamingTheRow()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ClusterLabels.From([0, 1, 3, 2], 3));
        Assert.Contains("Row 2", error.Message, StringComparison.Ordinal);
    }
}
