using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

/// <summary>The cache updates chunk partials by the rows that moved: it must agree with a fresh pass to double
/// rounding, exactly on counts and emptiness, and bitwise across thread counts.</summary>
public sealed class PartialSumCacheTests
{
    [Theory]
    [InlineData(10_000, 3, 5, false, 1)]
    [InlineData(10_000, 16, 16, true, 2)]
    [InlineData(9_001, 7, 300, false, 2)]
    public void Pass_AfterFewLabelsMove_EqualsFreshPassWithinRounding(int rows, int d, int k, bool weighted, int threads)
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

        var (freshSums, freshCounts) = FreshPass(data, k, second);
        Assert.Equal(second, labels);
        AssertClose(freshSums, sums);
        if (weighted)
        {
            AssertClose(freshCounts, counts);
        }
        else
        {
            Assert.Equal(freshCounts, counts);
        }
    }

    [Fact]
    public void Pass_MostLabelsMove_SumsAfreshAndEqualsFreshPassBitwise()
    {
        const int rows = 9_000;
        const int d = 5;
        const int k = 7;
        var data = Data(rows, d, weighted: true, threads: 2, seed: 11);
        var random = new Random(2);
        int[] first = Enumerable.Range(0, rows).Select(_ => random.Next(k)).ToArray();
        int[] second = Enumerable.Range(0, rows).Select(_ => random.Next(k)).ToArray();
        var cache = new PartialSumCache(data, k);
        var labels = Enumerable.Repeat(-1, rows).ToArray();
        var sums = new double[k * d];
        var counts = new double[k];
        cache.Pass(Copy(first), labels, sums, counts, CancellationToken.None);
        cache.Pass(Copy(second), labels, sums, counts, CancellationToken.None);

        var (freshSums, freshCounts) = FreshPass(data, k, second);
        Assert.Equal(freshSums, sums);
        Assert.Equal(freshCounts, counts);
    }

    [Fact]
    public void Pass_OneAndTwoThreadsOverManyPasses_BitwiseEqual()
    {
        const int rows = 20_000;
        const int d = 6;
        const int k = 9;
        var results = new List<(double[] Sums, double[] Counts)>();
        foreach (int threads in new[] { 1, 2 })
        {
            var data = Data(rows, d, weighted: true, threads, seed: 5);
            var random = new Random(3);
            int[] assignment = Enumerable.Range(0, rows).Select(_ => random.Next(k)).ToArray();
            var cache = new PartialSumCache(data, k);
            var labels = Enumerable.Repeat(-1, rows).ToArray();
            var sums = new double[k * d];
            var counts = new double[k];
            for (int pass = 0; pass < 6; pass++)
            {
                for (int move = 0; move < 50; move++)
                {
                    assignment[random.Next(rows)] = random.Next(k);
                }

                cache.Pass(Copy(assignment), labels, sums, counts, CancellationToken.None);
            }

            results.Add((sums, counts));
        }

        Assert.Equal(results[0].Sums, results[1].Sums);
        Assert.Equal(results[0].Counts, results[1].Counts);
    }

    [Fact]
    public void Pass_WeightedClusterEmptiedByMoves_CountAndSumsExactlyZero()
    {
        const int rows = 8_192;
        const int d = 3;
        const int k = 3;
        var data = Data(rows, d, weighted: true, threads: 1, seed: 8);

        // Cluster 2 holds five rows, then they all move to cluster 0 (a small change: the partials are updated).
        int[] first = Enumerable.Range(0, rows).Select(i => i % 2).ToArray();
        foreach (int row in new[] { 3, 100, 4000, 5000, 8000 })
        {
            first[row] = 2;
        }

        int[] second = first.Select(label => label == 2 ? 0 : label).ToArray();
        var cache = new PartialSumCache(data, k);
        var labels = Enumerable.Repeat(-1, rows).ToArray();
        var sums = new double[k * d];
        var counts = new double[k];
        cache.Pass(Copy(first), labels, sums, counts, CancellationToken.None);
        Assert.Equal(5, cache.Pass(Copy(second), labels, sums, counts, CancellationToken.None));

        Assert.Equal(0.0, counts[2]);
        Assert.All(sums.Skip(2 * d), value => Assert.Equal(0.0, value));
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

    private static (double[] Sums, double[] Counts) FreshPass(KMeansData data, int k, int[] assignment)
    {
        var sums = new double[k * data.Columns];
        var counts = new double[k];
        new PartialSumCache(data, k).Pass(Copy(assignment), Enumerable.Repeat(-1, data.Rows).ToArray(), sums, counts, CancellationToken.None);
        return (sums, counts);
    }

    // Each update rounds once in double; a few per chunk stay far below 1e-12 relative.
    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], (Math.Abs(expected[i]) * 1e-12) + 1e-12);
        }
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
