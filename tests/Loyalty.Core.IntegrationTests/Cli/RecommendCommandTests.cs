using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Loyalty.Cli.Commands;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core.Tests.Recommendation;

namespace Loyalty.Core.Tests.Cli;

public sealed class RecommendCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loyalty-recommend-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand { RecommendCommand.Create() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliRunner.Run(root, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string WriteCsv(string name, IEnumerable<Interaction> rows, string header = "user,item,rating")
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, [header, .. rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.User},{r.Item},{r.Value}"))]);
        return path;
    }

    private string WriteMovieLens(string name, IEnumerable<Interaction> rows)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, rows.Select((r, i) => string.Create(CultureInfo.InvariantCulture, $"{r.User}\t{r.Item}\t{r.Value}\t{1000 + i}")));
        return path;
    }

    [Fact]
    public void Evaluate_CsvThreeFoldsJson_OneObjectWithFoldsAndMeans()
    {
        string file = WriteCsv("r.csv", RecommendationData.Small());
        var (code, stdout, _) = Run("recommend", "evaluate", "--ratings", file, "--folds", "3", "--factors", "10", "--epochs", "5", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("svd", root.GetProperty("algorithm").GetString());
        var folds = root.GetProperty("folds").EnumerateArray().ToList();
        Assert.Equal(3, folds.Count);
        Assert.Equal(folds.Average(f => f.GetProperty("rmse").GetDouble()), root.GetProperty("rmse").GetDouble(), 9);
        foreach (string name in new[] { "mae", "precisionAtK", "recallAtK", "ndcgAtK", "fitSeconds", "trainRatings", "testRatings" })
        {
            Assert.True(folds[0].TryGetProperty(name, out _), name);
        }
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("knn")]
    [InlineData("svdpp")]
    [InlineData("als")]
    public void Evaluate_TrainTestMovieLens_EachAlgorithmExitsZero(string algorithm)
    {
        var data = RecommendationData.Small();
        string train = WriteMovieLens("train.data", data.Take(8000));
        string test = WriteMovieLens("test.data", data.Skip(8000));
        var (code, stdout, stderr) = Run("recommend", "evaluate", "--train", train, "--test", test, "--algorithm", algorithm, "--epochs", "3", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(double.IsFinite(json.RootElement.GetProperty("rmse").GetDouble()));
    }

    [Fact]
    public void Top_KnownUser_ExcludesSeenItems()
    {
        var data = RecommendationData.Small();
        string file = WriteCsv("r.csv", data);
        string user = data[0].User;
        var (code, stdout, _) = Run("recommend", "top", "--train", file, "--user", user, "--n", "5", "--epochs", "3", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var items = json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("item").GetString()).ToList();
        Assert.Equal(5, items.Count);
        Assert.DoesNotContain(items, i => data.Any(x => x.User == user && x.Item == i));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("fallback").ValueKind);
    }

    [Fact]
    public void Top_UnknownUser_FallsBackToPopularityAndSaysSo()
    {
        string file = WriteCsv("r.csv", RecommendationData.Small());
        var (code, stdout, stderr) = Run("recommend", "top", "--train", file, "--user", "stranger", "--n", "3", "--epochs", "2", "--json");
        Assert.Equal(0, code);
        Assert.Contains("most popular", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("popularity", json.RootElement.GetProperty("fallback").GetString());
    }

    [Fact]
    public void Evaluate_CustomColumnNames_ReadsThem()
    {
        string file = WriteCsv("r.csv", RecommendationData.Small(), header: "customer,product,stars");
        var (code, _, stderr) = Run("recommend", "evaluate", "--ratings", file, "--folds", "2", "--epochs", "2", "--algorithm", "baseline",
            "--user-column", "customer", "--item-column", "product", "--rating-column", "stars", "--json");
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public void Evaluate_MissingColumn_Exit2NamingColumnAndOption()
    {
        string file = WriteCsv("r.csv", RecommendationData.Small(), header: "customer,item,rating");
        var (code, _, stderr) = Run("recommend", "evaluate", "--ratings", file, "--folds", "2");
        Assert.Equal(2, code);
        Assert.Contains("'user'", stderr, StringComparison.Ordinal);
        Assert.Contains("--user-column", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RatingOutsideScale_Exit2NamingFileAndRow()
    {
        string file = WriteCsv("r.csv", [new("a", "x", 3f), new("b", "x", 7f), new("b", "y", 2f)]);
        var (code, _, stderr) = Run("recommend", "evaluate", "--ratings", file, "--folds", "2");
        Assert.Equal(2, code);
        Assert.Contains("r.csv:3", stderr, StringComparison.Ordinal);
        Assert.Contains("outside the rating scale", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Evaluate_DuplicatePair_Exit2()
    {
        string file = WriteCsv("r.csv", [new("a", "x", 3f), new("a", "x", 4f), new("b", "y", 2f), new("b", "x", 2f)]);
        var (code, _, stderr) = Run("recommend", "evaluate", "--ratings", file, "--folds", "2");
        Assert.Equal(2, code);
        Assert.Contains("r.csv:3: duplicate", stderr, StringComparison.Ordinal);
        Assert.Contains("first on line 2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BadNumber_Exit2NamingLineAndColumn()
    {
        string path = Path.Combine(_dir, "bad.csv");
        File.WriteAllLines(path, ["user,item,rating", "a,x,3", "b,x,three"]);
        var (code, _, stderr) = Run("recommend", "evaluate", "--ratings", path, "--folds", "2");
        Assert.Equal(2, code);
        Assert.Contains("bad.csv:3", stderr, StringComparison.Ordinal);
        Assert.Contains("'rating'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RatingsAndTrainTogether_Exit2()
    {
        string file = WriteCsv("r.csv", RecommendationData.Small());
        Assert.Equal(2, Run("recommend", "evaluate", "--ratings", file, "--folds", "2", "--train", file, "--test", file).Code);
    }

    [Fact]
    public void Evaluate_EmptyFile_Exit2()
    {
        string file = WriteCsv("empty.csv", []);
        var (code, _, stderr) = Run("recommend", "evaluate", "--ratings", file, "--folds", "2");
        Assert.Equal(2, code);
        Assert.Contains("no ratings", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnknownAlgorithm_Exit2NamingOption() =>
        Assert.Contains("--algorithm", Run("recommend", "evaluate", "--ratings", WriteCsv("r.csv", RecommendationData.Small()), "--folds", "2", "--algorithm", "nmf").Err, StringComparison.Ordinal);

    [Fact]
    public void Evaluate_MissingFile_Exit2() =>
        Assert.Equal(2, Run("recommend", "evaluate", "--ratings", Path.Combine(_dir, "nope.csv"), "--folds", "2").Code);
    [Fact]
    public void Evaluate_LeaveLastOutCsv_HoldsOutEachUsersLatestRatingByTime()
    {
        // Each user's latest rating by time is the second row and the only 5; the rest are 1. Holding out the right
        // rows leaves a training set of 1s, so the baseline predicts 1 for every held-out 5: RMSE 4.
        string path = Path.Combine(_dir, "timed.csv");
        var lines = new List<string> { "customer,product,stars,when" };
        for (int u = 0; u < 20; u++)
        {
            lines.Add($"u{u},i0,1,10");
            lines.Add($"u{u},i1,5,99");
            lines.Add($"u{u},i2,1,30");
            lines.Add($"u{u},i3,1,20");
        }

        File.WriteAllLines(path, lines);
        var (code, stdout, stderr) = Run("recommend", "evaluate", "--ratings", path, "--split", "leave-last-out", "--algorithm", "baseline",
            "--user-column", "customer", "--item-column", "product", "--rating-column", "stars", "--timestamp-column", "when", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var fold = Assert.Single(json.RootElement.GetProperty("folds").EnumerateArray());
        Assert.Equal(20, fold.GetProperty("testRatings").GetInt32());
        Assert.Equal(60, fold.GetProperty("trainRatings").GetInt32());
        Assert.Equal(4.0, json.RootElement.GetProperty("rmse").GetDouble(), 1e-6);
    }

    [Fact]
    public void Evaluate_LeaveLastOutMovieLens_OneTestRatingPerUserWithTwoOrMore()
    {
        var data = RecommendationData.Small();
        string file = WriteMovieLens("r.data", data);
        var (code, stdout, stderr) = Run("recommend", "evaluate", "--ratings", file, "--split", "leave-last-out", "--factors", "8", "--epochs", "3", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var fold = Assert.Single(json.RootElement.GetProperty("folds").EnumerateArray());
        int users = data.GroupBy(x => x.User).Count(g => g.Count() > 1);
        Assert.Equal(users, fold.GetProperty("testRatings").GetInt32());
        Assert.Equal(data.Length - users, fold.GetProperty("trainRatings").GetInt32());
    }

    [Fact]
    public void Evaluate_LeaveLastOutCsvWithoutTimestamps_Exit2NamingOption()
    {
        string file = WriteCsv("r.csv", RecommendationData.Small());
        var (code, _, stderr) = Run("recommend", "evaluate", "--ratings", file, "--split", "leave-last-out");
        Assert.Equal(2, code);
        Assert.Contains("--timestamp-column", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LeaveLastOutWithFolds_Exit2() =>
        Assert.Equal(2, Run("recommend", "evaluate", "--ratings", WriteMovieLens("r.data", RecommendationData.Small()), "--split", "leave-last-out", "--folds", "3").Code);

    [Fact]
    public void Evaluate_UnknownSplit_Exit2NamingOption() =>
        Assert.Contains("--split", Run("recommend", "evaluate", "--ratings", WriteCsv("r.csv", RecommendationData.Small()), "--split", "random").Err, StringComparison.Ordinal);

    [Fact]
    public void Evaluate_TwoThreadsDefaultSchedule_UsesBlockedAndExitsZero()
    {
        string file = WriteCsv("r.csv", RecommendationData.Small());
        var (code, _, stderr) = Run("recommend", "evaluate", "--ratings", file, "--folds", "2", "--factors", "8", "--epochs", "2", "--threads", "2", "--json");
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public void Evaluate_ThreadsNotGiven_TrainsInSurpriseOrderAsOneThreadDoes()
    {
        // --threads defaults to all cores (the CLI contract), but svd keeps the sequential, reproducible order.
        string file = WriteCsv("r.csv", RecommendationData.Small());
        string[] common = ["recommend", "evaluate", "--ratings", file, "--folds", "2", "--factors", "8", "--epochs", "3", "--json"];
        var byDefault = Run(common);
        var oneThread = Run([.. common, "--threads", "1"]);
        var sequential = Run([.. common, "--schedule", "sequential"]);
        Assert.True(byDefault.Code == 0 && sequential.Code == 0, byDefault.Err + sequential.Err);
        Assert.Equal(Rmse(oneThread.Out), Rmse(byDefault.Out));
        Assert.Equal(Rmse(oneThread.Out), Rmse(sequential.Out));
    }

    [Fact]
    public void Evaluate_SequentialScheduleWithTwoThreads_Exit2NamingOption()
    {
        string file = WriteCsv("r.csv", RecommendationData.Small());
        var (code, _, stderr) = Run("recommend", "evaluate", "--ratings", file, "--folds", "2", "--threads", "2", "--schedule", "sequential");
        Assert.Equal(2, code);
        Assert.Contains("--schedule", stderr, StringComparison.Ordinal);
    }

    private static double Rmse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("rmse").GetDouble();
    }
}
