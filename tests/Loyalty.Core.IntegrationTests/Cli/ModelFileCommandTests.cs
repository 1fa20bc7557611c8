using System.Globalization;
using System.Text;
using System.Text.Json;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core.Tests.Recommendation;

namespace Loyalty.Core.Tests.Cli;

/// <summary><c>--save-model</c> and <c>--load-model</c> in every command that has them: a saved model used again gives
/// the fit's results without refitting, and a bad model file is exit 2 with one line naming the file.</summary>
public sealed class ModelFileCommandTests : IDisposable
{
    private static readonly string Cdnow = TestData.Bundled("cdnow", "cdnow_customers_summary_with_transactions.csv");
    private readonly string _dir = Directory.CreateTempSubdirectory("model-file-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Segment_SavedKMeansModel_AssignsTheTrainingRowsAsTheFit()
    {
        string input = Points();
        string model = In("kmeans.lymf");
        var fit = CliHarness.Run("segment", "--input", input, "--k", "3", "--standardize", "zscore", "--seed", "2", "--json", "--output", In("fit.csv"), "--save-model", model);
        Assert.Equal(CliRunner.Success, fit.Exit);

        var assign = CliHarness.Run("segment", "--input", input, "--load-model", model, "--json", "--output", In("assigned.csv"));
        Assert.Equal(CliRunner.Success, assign.Exit);
        Assert.Equal(File.ReadAllText(In("fit.csv")), File.ReadAllText(In("assigned.csv")));
        using var fitted = JsonDocument.Parse(fit.Stdout);
        using var assigned = JsonDocument.Parse(assign.Stdout);
        Assert.Equal(Ints(fitted.RootElement.GetProperty("sizes")), Ints(assigned.RootElement.GetProperty("sizes")));
        Assert.Equal(fitted.RootElement.GetProperty("inertia").GetDouble(), assigned.RootElement.GetProperty("inertia").GetDouble(), 1e-9);
        Assert.Equal(fitted.RootElement.GetProperty("centroids").ToString(), assigned.RootElement.GetProperty("centroids").ToString());
    }

    [Fact]
    public void Segment_SavedDbscanModel_AssignsTheTrainingRowsAsTheFit()
    {
        string input = Points();
        string model = In("dbscan.lymf");
        var fit = CliHarness.Run("segment", "--input", input, "--algorithm", "dbscan", "--eps", "0.8", "--min-samples", "3", "--json", "--save-model", model);
        Assert.Equal(CliRunner.Success, fit.Exit);

        var assign = CliHarness.Run("segment", "--input", input, "--algorithm", "dbscan", "--load-model", model, "--json");
        Assert.Equal(CliRunner.Success, assign.Exit);
        using var fitted = JsonDocument.Parse(fit.Stdout);
        using var assigned = JsonDocument.Parse(assign.Stdout);
        Assert.Equal(Ints(fitted.RootElement.GetProperty("sizes")), Ints(assigned.RootElement.GetProperty("sizes")));
        Assert.Equal(fitted.RootElement.GetProperty("noise").GetInt32(), assigned.RootElement.GetProperty("noise").GetInt32());
    }

    [Fact]
    public void Segment_DbscanModelWithoutAlgorithmDbscan_ExitTwoNamingFileAndFormats()
    {
        string input = Points();
        string model = In("dbscan.lymf");
        Assert.Equal(CliRunner.Success, CliHarness.Run("segment", "--input", input, "--algorithm", "dbscan", "--eps", "0.8", "--min-samples", "3", "--save-model", model).Exit);

        var (exit, stdout, stderr) = CliHarness.Run("segment", "--input", input, "--load-model", model);
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"error: {model}: The stream is a loyalty.dbscan model file, not loyalty.kmeans.", ErrorLine(stderr));
    }

    [Theory]
    [InlineData("")]
    [InlineData("LYMF")]
    [InlineData("spend,visits\n1,2\n")]
    public void Segment_BadModelFile_ExitTwoWithOneLineNamingTheFile(string content)
    {
        string model = In("bad.lymf");
        File.WriteAllText(model, content);
        var (exit, _, stderr) = CliHarness.Run("segment", "--input", Points(), "--load-model", model);
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.StartsWith($"error: {model}: ", ErrorLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_MissingModelFile_ExitTwoNamingTheOption()
    {
        var (exit, _, stderr) = CliHarness.Run("segment", "--input", Points(), "--load-model", In("nope.lymf"));
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Contains("--load-model", stderr, StringComparison.Ordinal);
        Assert.Contains("nope.lymf", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_ModelWithOtherColumnCount_ExitTwo()
    {
        string model = In("kmeans.lymf");
        Assert.Equal(CliRunner.Success, CliHarness.Run("segment", "--input", Points(), "--k", "2", "--save-model", model).Exit);
        string wide = In("wide.csv");
        File.WriteAllText(wide, "a,b,c\n1,2,3\n4,5,6\n");
        var (exit, _, stderr) = CliHarness.Run("segment", "--input", wide, "--load-model", model);
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Contains("3 columns, but the model", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bgnbd")]
    [InlineData("paretonbd")]
    public void Clv_SavedModels_PredictWithoutRefittingExactlyAsTheFit(string kind)
    {
        string model = In($"{kind}.lymf");
        string spend = In("spend.lymf");
        var fit = CliHarness.Run("clv", "fit", "--summary", Cdnow, "--model", kind, "--spend", "gammagamma", "--predictions", In("fit.csv"),
            "--horizon", "39", "--json", "--save-model", model, "--save-spend-model", spend);
        Assert.Equal(CliRunner.Success, fit.Exit);

        var load = CliHarness.Run("clv", "fit", "--summary", Cdnow, "--model", kind, "--predictions", In("loaded.csv"),
            "--horizon", "39", "--json", "--load-model", model, "--load-spend-model", spend);
        Assert.Equal(CliRunner.Success, load.Exit);
        Assert.Equal(File.ReadAllText(In("fit.csv")), File.ReadAllText(In("loaded.csv")));
        Assert.Equal(fit.Stdout, load.Stdout);
    }

    [Fact]
    public void Clv_ModelFileOfAnotherKind_ExitTwoNamingFileAndFormats()
    {
        string model = In("bgnbd.lymf");
        Assert.Equal(CliRunner.Success, CliHarness.Run("clv", "fit", "--summary", Cdnow, "--model", "bgnbd", "--save-model", model).Exit);
        var (exit, _, stderr) = CliHarness.Run("clv", "fit", "--summary", Cdnow, "--model", "paretonbd", "--load-model", model);
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Equal($"error: {model}: The stream is a loyalty.bgnbd model file, not loyalty.paretonbd.", stderr.TrimEnd());
    }

    [Fact]
    public void Clv_SaveSpendModelWithoutSpend_ExitTwo()
    {
        var (exit, _, stderr) = CliHarness.Run("clv", "fit", "--summary", Cdnow, "--model", "bgnbd", "--save-spend-model", In("s.lymf"));
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Contains("--save-spend-model needs --spend gammagamma", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("svd")]
    [InlineData("knn")]
    public void RecommendTop_SavedModel_SameItemsWithoutTraining(string algorithm)
    {
        var data = RecommendationData.Small();
        string train = In("r.csv");
        var csv = new StringBuilder("user,item,rating\n");
        foreach (var x in data)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{x.User},{x.Item},{x.Value}\n");
        }

        File.WriteAllText(train, csv.ToString());
        string model = In($"{algorithm}.lymf");
        string user = data[0].User;
        var fit = CliHarness.Run("recommend", "top", "--train", train, "--user", user, "--n", "5", "--epochs", "3", "--algorithm", algorithm, "--json", "--save-model", model);
        Assert.Equal(CliRunner.Success, fit.Exit);

        var load = CliHarness.Run("recommend", "top", "--user", user, "--n", "5", "--algorithm", algorithm, "--json", "--load-model", model);
        Assert.Equal(CliRunner.Success, load.Exit);
        Assert.Equal(fit.Stdout, load.Stdout);
    }

    [Fact]
    public void Uplift_SavedModel_ScoresTheInput()
    {
        string input = In("experiment.csv");
        var rows = new StringBuilder("arm,bought,channel\n");
        for (int i = 0; i < 200; i++)
        {
            bool treated = i % 4 < 2; // not i % 2: the two cross-fitting folds would each hold one group only
            string channel = (i % 3) switch { 0 => "web", 1 => "phone", _ => "mail" };
            int bought = (treated && channel == "web" && i % 5 != 0) || i % 7 == 0 ? 1 : 0;
            rows.Append(CultureInfo.InvariantCulture, $"{(treated ? "t" : "c")},{bought},{channel}\n");
        }

        File.WriteAllText(input, rows.ToString());
        string model = In("uplift.lymf");
        string[] common = ["uplift", "--input", input, "--treatment-column", "arm", "--treatment", "t", "--control", "c", "--outcome-column", "bought", "--feature-columns", "channel", "--json"];
        var fit = CliHarness.Run([.. common, "--save-model", model]);
        Assert.True(fit.Exit == CliRunner.Success, fit.Stderr);

        var load = CliHarness.Run([.. common, "--load-model", model]);
        Assert.Equal(CliRunner.Success, load.Exit);
        using var json = JsonDocument.Parse(load.Stdout);
        Assert.True(json.RootElement.GetProperty("qini").GetDouble() > 0, load.Stdout);
    }

    [Fact]
    public void Uplift_SaveModelWithoutFeatureColumns_ExitTwo()
    {
        string input = In("experiment.csv");
        File.WriteAllText(input, "arm,bought\nt,1\nt,0\nc,0\nc,1\n");
        var (exit, _, stderr) = CliHarness.Run("uplift", "--input", input, "--treatment-column", "arm", "--treatment", "t", "--control", "c",
            "--outcome-column", "bought", "--save-model", In("u.lymf"));
        Assert.Equal(CliRunner.BadInput, exit);
        Assert.Contains("need --feature-columns", stderr, StringComparison.Ordinal);
    }

    /// <summary>The one error line (segment also reports on stderr what it read).</summary>
    private static string ErrorLine(string stderr) => Assert.Single(stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal)).TrimEnd();

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private string In(string name) => Path.Combine(_dir, name);

    /// <summary>Three tight groups of positive points, 60 rows.</summary>
    private string Points()
    {
        var csv = new StringBuilder("spend,visits\n");
        for (int i = 0; i < 60; i++)
        {
            int group = i % 3;
            csv.Append(CultureInfo.InvariantCulture, $"{(group * 10) + (i * 0.01):0.00},{(group * 5) + 1 + (i % 4 * 0.1):0.0}\n");
        }

        string path = In("points.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }
}
