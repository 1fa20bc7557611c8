using System.Globalization;
using Loyalty.Cli.Infrastructure;

namespace Loyalty.Core.Tests.Cli;

/// <summary>Issue 15, item 5 (numerics) through the CLI: each case exits 2 with one line naming what to change.</summary>
public sealed class NumericsBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("numerics-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>100 × 2 rows in two groups around (±scale, scale), as a .kmf file (binary, so no header question).</summary>
    private string WriteKmf(string name, double scale)
    {
        string path = Path.Combine(_dir, name);
        var random = new Random(1);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("KMF1"u8);
        writer.Write(100L);
        writer.Write(2L);
        for (int i = 0; i < 100; i++)
        {
            double sign = i < 50 ? 1 : -1;
            writer.Write((float)(sign * scale * (0.9 + (0.2 * random.NextDouble()))));
            writer.Write((float)(scale * (0.9 + (0.2 * random.NextDouble()))));
        }

        return path;
    }

    private string WriteRatings(string name, IEnumerable<(string User, string Item, int Rating)> rows)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, ["user,item,rating", .. rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.User},{r.Item},{r.Rating}"))]);
        return path;
    }

    private string SmallRatings()
    {
        var random = new Random(3);
        var rows = new List<(string, string, int)>();
        for (int u = 0; u < 30; u++)
        {
            for (int i = 0; i < 20; i++)
            {
                if (random.NextDouble() < 0.5)
                {
                    rows.Add(($"u{u}", $"i{i}", random.Next(1, 6)));
                }
            }
        }

        return WriteRatings("ratings.csv", rows);
    }

    private static void AssertOneLineError(int exit, string stderr, params string[] expected)
    {
        Assert.Equal(CliRunner.BadInput, exit);
        string error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
        foreach (string part in expected)
        {
            Assert.Contains(part, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("lloyd", "kmeans++")]
    [InlineData("hamerly", "kmeans-parallel")]
    [InlineData("yinyang", "random")]
    [InlineData("minibatch", "kmeans++")]
    public void Segment_ValuesNear1e30_Exit2NamingRowColumnAndLimit(string algorithm, string init)
    {
        var (exit, stdout, stderr) = CliHarness.Run("segment", "--input", WriteKmf("big.kmf", 1e30), "--k", "2", "--algorithm", algorithm, "--init", init, "--json");
        AssertOneLineError(exit, stderr, "row 0 column 0 is ", "at most 7.07E+17", "standardise");
        Assert.DoesNotContain("converged", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_DbscanValuesNear1e30_Exit2NamingRowAndColumn()
    {
        var (exit, _, stderr) = CliHarness.Run("segment", "--input", WriteKmf("big.kmf", 1e30), "--algorithm", "dbscan", "--eps", "1e29", "--min-samples", "3");
        AssertOneLineError(exit, stderr, "row 0 column 0 is ");
    }

    [Fact]
    public void Segment_ValuesNear1e30Standardized_FitsTwoEqualClusters()
    {
        var (exit, stdout, _) = CliHarness.Run("segment", "--input", WriteKmf("big.kmf", 1e30), "--k", "2", "--standardize", "zscore", "--json");
        Assert.Equal(CliRunner.Success, exit);
        Assert.Contains("\"sizes\":[50,50]", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("svd")]
    [InlineData("svdpp")]
    public void RecommendTop_HugeLearningRate_Exit2NamingLrAndEpoch(string algorithm)
    {
        var (exit, stdout, stderr) = CliHarness.Run("recommend", "top", "--train", SmallRatings(), "--user", "u1", "--algorithm", algorithm, "--lr", "50");
        AssertOneLineError(exit, stderr, "option --lr: ", $"{algorithm} training diverged in epoch 1 of 20", "lower LearningRate (was 50)");
        Assert.DoesNotContain("NaN", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RecommendEvaluate_HugeLearningRate_Exit2InsteadOfRmseNaN()
    {
        string ratings = SmallRatings();
        var (exit, stdout, stderr) = CliHarness.Run("recommend", "evaluate", "--train", ratings, "--test", ratings, "--lr", "50", "--json");
        AssertOneLineError(exit, stderr, "option --lr: svd training diverged");
        Assert.DoesNotContain("NaN", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RecommendTop_KnnOver46340Items_Exit2NamingCountAndLimit()
    {
        string ratings = WriteRatings("wide.csv", Enumerable.Range(0, 46_341).Select(i => ($"u{i % 100}", $"i{i}", 1 + (i % 5))));
        var (exit, _, stderr) = CliHarness.Run("recommend", "top", "--train", ratings, "--user", "u1", "--algorithm", "knn");
        AssertOneLineError(exit, stderr, "wide.csv: knn over 46,341 items", "at most ");
        Assert.DoesNotContain("rows count data lines", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RecommendTop_KnnAboveTheMemoryCapOption_Exit2NamingTheOption()
    {
        // 300 items need 300² × 28 bytes ≈ 2.4 MiB while fitting: above a 1 MiB cap, refused before allocating.
        string ratings = WriteRatings("cap.csv", Enumerable.Range(0, 300).Select(i => ($"u{i % 20}", $"i{i}", 1 + (i % 5))));
        var (exit, _, stderr) = CliHarness.Run("recommend", "top", "--train", ratings, "--user", "u1", "--algorithm", "knn", "--knn-max-memory", "1");
        AssertOneLineError(exit, stderr, "cap.csv: knn over 300 items", "--knn-max-memory");
    }

    [Fact]
    public void RecommendTop_KnnMemoryCapRaised_Fits()
    {
        string ratings = WriteRatings("capok.csv", Enumerable.Range(0, 300).Select(i => ($"u{i % 20}", $"i{i}", 1 + (i % 5))));
        var (exit, _, stderr) = CliHarness.Run("recommend", "top", "--train", ratings, "--user", "u1", "--algorithm", "knn", "--knn-max-memory", "3");
        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public void RecommendTop_KnnMemoryCapZero_Exit2NamingTheOption()
    {
        string ratings = SmallRatings();
        var (exit, _, stderr) = CliHarness.Run("recommend", "top", "--train", ratings, "--user", "u1", "--algorithm", "knn", "--knn-max-memory", "0");
        AssertOneLineError(exit, stderr, "option --knn-max-memory: 0 is not a memory size");
    }
}
