using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;
using Loyalty.Core.Segmentation;
using Loyalty.Core.Tests.Numerics.Simd;

namespace Loyalty.Core.Tests.Segmentation;

/// <summary>The fused SIMD kernel against its scalar reference. Tolerance: none — both accumulate x·c with fused
/// multiply-adds in the same order, so labels, sums and counts must be bitwise equal — on every lane width (1, 4, 8,
/// 16), and block by block on every vector tier the machine accelerates.</summary>
[Trait("Category", VectorTiers.Category)]
public sealed class AssignmentKernelTests
{
    public static TheoryData<int> Tiers => VectorTiers.Bits;

    public static TheoryData<int> Centroids => new() { 1, 3, 8, 9, 16, 17, 40 };

    [Theory]
    [MemberData(nameof(Centroids))]
    public void AssignAndAccumulate_DimensionsZeroTo300_EqualsScalarBitwise(int k)
    {
        for (int d = 0; d <= 300; d += d < 40 ? 1 : 13)
        {
            foreach (int laneWidth in new[] { 1, 4, 8, 16 })
            {
                AssertSameAsScalar(rows: 37, d, k, laneWidth, seed: d * 31 + k, weighted: d % 2 == 1);
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Tiers))]
    public void NearestBlocks_EveryTierDimensionsZeroTo60_EqualsScalarBitwise(int bits)
    {
        VectorTiers.Require(bits);
        int lanes = VectorTiers.Lanes(bits);
        foreach (int k in new[] { 1, 3, 4, 5, 8, 9, 16, 17, 40 })
        {
            for (int d = 0; d <= 60; d += d < 20 ? 1 : 7)
            {
                // Eight blocks of eight rows and a tail of three, which the block kernel must leave alone.
                const int rows = 67;
                float[] points = SyntheticData.Uniform(rows * d, (d * 7) + k);
                var panel = CentroidPanel.Create(SyntheticData.Uniform(k * d, d + (k * 3)), k, d, lanes);
                var nearest = Enumerable.Repeat(-1, rows).ToArray();
                int done = bits switch
                {
                    128 => AssignmentKernel.NearestBlocks<Width128, Vector128<float>>(points, panel, nearest),
                    256 => AssignmentKernel.NearestBlocks<Width256, Vector256<float>>(points, panel, nearest),
                    _ => AssignmentKernel.NearestBlocks<Width512, Vector512<float>>(points, panel, nearest),
                };

                Assert.Equal(d == 0 ? 0 : 64, done);
                var distances = new float[panel.PaddedK];
                for (int i = 0; i < done; i++)
                {
                    AssignmentKernelScalar.ExpandedDistances(points.AsSpan(i * d, d), panel, distances);
                    int best = 0;
                    for (int c = 1; c < k; c++)
                    {
                        best = distances[c] < distances[best] ? c : best;
                    }

                    Assert.True(best == nearest[i], $"Vector{bits}, k {k}, d {d}, row {i}: {nearest[i]}, expected {best}");
                }

                Assert.All(nearest[done..], label => Assert.Equal(-1, label));
            }
        }
    }

    [Fact]
    public void NearestBlocks_PanelOfAnotherWidth_Throws() =>
        Assert.Throws<ArgumentException>(() => AssignmentKernel.NearestBlocks<Width256, Vector256<float>>(
            new float[16], CentroidPanel.Create(new float[2], 2, 1, 4), new int[16]));

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
        foreach (int laneWidth in new[] { 1, 4, 8, 16 })
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
