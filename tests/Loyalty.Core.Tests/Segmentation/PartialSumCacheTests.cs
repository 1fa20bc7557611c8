using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

/// <summary>The cache must give bitwise what a fresh, full pass gives, whichever blocks it reused.</summary>
public sealed class PartialSumCacheTests
{
    [Theory]
    [InlineData(10_000, 3, 5, false, 1)]
    [InlineData(10_000, 16, 16, true, 2)]
    [InlineData(9_001, 7, 300, false, 2)]
    public void Pass_AfterFewLabelsMove_EqualsFreshFullPassBitwise(int rows, int d, int k, bool weighted, int threads)
    {
        var data = Data(rows, d, weighted, threads, seed: rows + d + k);
        var random = new Random(k);
        int[] first = Enumerable.Range(0, rows).Select(_ => random.Next(k)).ToArray();
        int[] second = (int[])first.Clone();
        foreach (int row in new[] { 0, 17, 4095, 4096, rows / 2, rows - 1 })
        {
            second[row] = (second[row] + 1) % k;
        }

        var cache = new PartialSumCache(data, k);
        var labels = Enumerable.Repeat(-1, rows).ToArray();
        var sums = new double[k * d];
        var counts = new double[k];
        Assert.Equal(rows, cache.Pass(Copy(first), labels, sums, counts, CancellationToken.None));
        Assert.Equal(6, cache.Pass(Copy(second), labels, sums, counts, CancellationToken.None));

        var freshLabels = Enumerable.Repeat(-1, rows).ToArray();
        var freshSums = new double[k * d];
        var freshCounts = new double[k];
        new PartialSumCache(data, k).Pass(Copy(second), freshLabels, freshSums, freshCounts, CancellationToken.None);

        Assert.Equal(second, labels);
        Assert.Equal(freshSums, sums);
        Assert.Equal(freshCounts, counts);
    }

    [Fact]
    public void Pass_SumsAndCounts_MatchNaiveTotalsWithinTolerance()
    {
        const int rows = 10_000;
        const int d = 5;
        const int k = 4;
        var data = Data(rows, d, weighted: true, threads: 1, seed: 3);
        int[] assignment = Enumerable.Range(0, rows).Select(i => i * 7 % k).ToArray();
        var sums = new double[k * d];
        var counts = new double[k];
        new PartialSumCache(data, k).Pass(Copy(assignment), Enumerable.Repeat(-1, rows).ToArray(), sums, counts, CancellationToken.None);

        var expectedSums = new double[k * d];
        var expectedCounts = new double[k];
        ReadOnlySpan<float> points = data.Points.Span;
        for (int i = 0; i < rows; i++)
        {
            double w = data.Weight(i);
            expectedCounts[assignment[i]] += w;
            for (int j = 0; j < d; j++)
            {
                expectedSums[assignment[i] * d + j] += w * points[i * d + j];
            }
        }

        // Blocked summation reorders the additions; relative 1e-12 is far above double rounding over 10k terms.
        for (int i = 0; i < sums.Length; i++)
        {
            Assert.Equal(expectedSums[i], sums[i], Math.Abs(expectedSums[i]) * 1e-12 + 1e-12);
        }

        for (int c = 0; c < k; c++)
        {
            Assert.Equal(expectedCounts[c], counts[c], expectedCounts[c] * 1e-12);
        }
    }

    [Theory]
    [InlineData(16, 16, 256)]
    [InlineData(64, 32, 512)]
    [InlineData(1000, 16, 4096)]
    public void BlockRows_GrowWithK_SoTheCacheStaysSmallerThanTheData(int k, int d, int expected)
    {
        var data = Data(100, d, weighted: false, threads: 1, seed: 1);
        Assert.Equal(expected, new PartialSumCache(data, k).BlockRows);
    }

    private static NearestAssigner Copy(int[] assignment) =>
        (start, nearest) => assignment.AsSpan(start, nearest.Length).CopyTo(nearest);

    private static KMeansData Data(int rows, int d, bool weighted, int threads, int seed)
    {
        float[] points = SyntheticData.Uniform(rows * d, seed);
        float[] weights = weighted ? SyntheticData.Uniform(rows, seed + 1).Select(w => Math.Abs(w) + 0.5f).ToArray() : [];
        return new KMeansData(points, rows, d, weights, threads);
    }
}
