using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

/// <summary>The fused SIMD kernel against its scalar reference. Tolerance: none — both accumulate x·c with fused
/// multiply-adds in the same order, so labels, sums and counts must be bitwise equal.</summary>
public sealed class AssignmentKernelTests
{
    public static TheoryData<int> Centroids => new() { 1, 3, 8, 9, 16, 17, 40 };

    [Theory]
    [MemberData(nameof(Centroids))]
    public void AssignAndAccumulate_DimensionsZeroTo300_EqualsScalarBitwise(int k)
    {
        for (int d = 0; d <= 300; d += d < 40 ? 1 : 13)
        {
            foreach (int laneWidth in new[] { 1, 8, 16 })
            {
                AssertSameAsScalar(rows: 37, d, k, laneWidth, seed: d * 31 + k, weighted: d % 2 == 1);
            }
        }
    }

    [Fact]
    public void AssignAndAccumulate_Ties_GoToLowestIndex()
    {
        // Centroids 0, 2 and 19 are the same point; every row is nearest to them, so all must pick 0.
        int d = 3;
        int k = 20;
        float[] centroids = SyntheticData.Uniform(k * d, 5);
        foreach (int duplicate in new[] { 2, 19 })
        {
            Array.Copy(centroids, 0, centroids, duplicate * d, d);
        }

        float[] points = Enumerable.Range(0, 16).SelectMany(_ => centroids.Take(d)).ToArray();
        foreach (int laneWidth in new[] { 1, 8, 16 })
        {
            var panel = CentroidPanel.Create(centroids, k, d, laneWidth);
            var labels = new int[16];
            AssignmentKernel.AssignAndAccumulate(points, default, panel, labels, new double[k * d], new double[k]);
            Assert.All(labels, label => Assert.Equal(0, label));
        }
    }

    [Fact]
    public void AssignAndAccumulate_ReturnsChangedCount()
    {
        float[] centroids = [0f, 10f];
        float[] points = [1f, 9f, 2f, 8f];
        var panel = CentroidPanel.Create(centroids, 2, 1, 8);
        int[] labels = [0, 0, 0, 0];
        int changed = AssignmentKernel.AssignAndAccumulate(points, default, panel, labels, new double[2], new double[2]);
        Assert.Equal(2, changed);
        Assert.Equal([0, 1, 0, 1], labels);
    }

    [Fact]
    public void RecordLabels_LengthsZeroTo300_CountsChangesAndCopies()
    {
        var random = new Random(5);
        for (int n = 0; n <= 300; n++)
        {
            int[] nearest = Enumerable.Range(0, n).Select(_ => random.Next(4)).ToArray();
            int[] labels = Enumerable.Range(0, n).Select(_ => random.Next(4)).ToArray();
            int expected = nearest.Zip(labels).Count(pair => pair.First != pair.Second);

            Assert.Equal(expected, AssignmentKernel.RecordLabels(nearest, labels));
            Assert.Equal(nearest, labels);
        }
    }

    [Fact]
    public void AccumulateRows_LabelOutOfRange_ThrowsNamingTheRow()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => AssignmentKernel.AccumulateRows([1f, 2f], default, [0, 2], new double[2], new double[2], 1));
        Assert.Contains("Row 1", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSameAsScalar(int rows, int d, int k, int laneWidth, int seed, bool weighted)
    {
        float[] points = SyntheticData.Uniform(rows * d, seed);
        float[] centroids = SyntheticData.Uniform(k * d, seed + 1);
        float[] weights = weighted ? SyntheticData.Uniform(rows, seed + 2).Select(Math.Abs).ToArray() : [];
        var panel = CentroidPanel.Create(centroids, k, d, laneWidth);

        var labels = Enumerable.Repeat(-1, rows).ToArray();
        var sums = new double[k * d];
        var counts = new double[k];
        int changed = AssignmentKernel.AssignAndAccumulate(points, weights, panel, labels, sums, counts);

        var expectedLabels = Enumerable.Repeat(-1, rows).ToArray();
        var expectedSums = new double[k * d];
        var expectedCounts = new double[k];
        int expectedChanged = AssignmentKernelScalar.AssignAndAccumulate(points, weights, panel, expectedLabels, expectedSums, expectedCounts);

        Assert.Equal(expectedChanged, changed);
        Assert.Equal(expectedLabels, labels);
        Assert.Equal(expectedSums, sums);
        Assert.Equal(expectedCounts, counts);
    }
}
