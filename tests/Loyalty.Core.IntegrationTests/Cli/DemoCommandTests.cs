using System.Text.Json;

namespace Loyalty.Core.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_SmallBase_SeedsTheStoreRunsEveryStageAndWritesTheReport()
    {
        var run = DemoRun.Small;

        Assert.True(run.Exit == 0, run.Stderr);
        var json = run.Json;
        Assert.Equal(800, json.GetProperty("customers").GetInt32());
        Assert.Equal("sqlite:" + run.Store, json.GetProperty("store").GetString());
        Assert.True(File.Exists(run.Store));
        long transactions = json.GetProperty("transactions").GetInt64();
        Assert.InRange(transactions, 800 * 10, 800 * 30); // about 20 per customer
        Assert.Equal(800, json.GetProperty("summaries").GetInt32());
        Assert.Equal(4, json.GetProperty("segments").GetArrayLength());
        Assert.Equal(800, json.GetProperty("segments").EnumerateArray().Sum(s => s.GetProperty("size").GetInt32()));
        Assert.True(json.GetProperty("offers").GetInt32() > 0);
        Assert.InRange(json.GetProperty("expectedCost").GetDouble(), 0, json.GetProperty("budget").GetDouble());
        Assert.Equal(["thompson", "oracle", "random"], json.GetProperty("bandit").EnumerateArray().Select(b => b.GetProperty("policy").GetString()));
        Assert.Equal("all offers", json.GetProperty("uplift")[0].GetProperty("label").GetString());
        Assert.Equal(["seed and summarise", "segment", "value", "reward", "record", "recommend", "feedback", "bandit", "report"], json.GetProperty("stages").EnumerateObject().Select(p => p.Name));
        Assert.Equal(run.Report, json.GetProperty("report").GetString());
        string html = File.ReadAllText(run.Report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"scatter\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Json_StdoutIsOneObjectAndStderrHasOneLinePerStage()
    {
        var run = DemoRun.Small;

        Assert.Equal(0, run.Exit);
        Assert.Single(run.Stdout.Trim().Split('\n'));
        Assert.Equal(9, run.Stderr.Trim().Split('\n').Length);
        Assert.All(run.Stderr.Trim().Split('\n'), line => Assert.StartsWith("demo: ", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_SameSeed_SameResultsWhateverTheStore()
    {
        var sqlite = DemoRun.Small;
        var memory = DemoRun.Run("demo-memory", 800, seed: 7, sqlite: false);

        Assert.Equal(0, memory.Exit);
        Assert.Equal("memory", memory.Json.GetProperty("store").GetString());
        foreach (string part in new[] { "transactions", "segments", "offers", "expectedCost", "bandit", "uplift", "recommendations" })
        {
            Assert.Equal(sqlite.Json.GetProperty(part).GetRawText(), memory.Json.GetProperty(part).GetRawText());
        }

        // The store sums money in SQL (fixed point) and the in-memory path in doubles: CLV agrees to rounding.
        foreach (string statistic in new[] { "median", "mean", "total" })
        {
            double a = sqlite.Json.GetProperty("clv").GetProperty(statistic).GetDouble(), b = memory.Json.GetProperty("clv").GetProperty(statistic).GetDouble();
            Assert.Equal(a, b, Math.Abs(a) * 1e-9);
        }
    }

    [Fact]
    public void Demo_RunTwice_RecreatesTheStore()
    {
        var first = DemoRun.Run("demo-twice", 300, seed: 1, sqlite: true);
        var (exit, stdout, _) = CliHarness.Run("demo", "--customers", "300", "--seed", "1", "--store", "sqlite:" + first.Store, "--report", first.Report, "--json", "--overwrite");

        Assert.Equal(0, exit);
        using var second = JsonDocument.Parse(stdout);
        Assert.Equal(first.Json.GetProperty("transactions").GetInt64(), second.RootElement.GetProperty("transactions").GetInt64());
    }

    [Fact]
    public void Demo_StoreNamedAgainWithoutOverwrite_RefusesAndKeepsTheStore()
    {
        var first = DemoRun.Run("demo-no-overwrite", 300, seed: 1, sqlite: true);
        long size = new FileInfo(first.Store).Length;

        var (exit, _, stderr) = CliHarness.Run("demo", "--customers", "300", "--store", "sqlite:" + first.Store, "--report", first.Report, "--json");

        Assert.Equal(2, exit);
        Assert.Contains("pass --overwrite", stderr, StringComparison.Ordinal);
        Assert.Equal(size, new FileInfo(first.Store).Length);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("sqlite")]
    public void Demo_StoreIsAFileTheDemoDidNotMake_RefusesEvenWithOverwrite(string kind)
    {
        // The demo used to delete whatever file --store named, a user's own database included.
        string folder = DemoRun.NewFolder("demo-foreign-store");
        string path = Path.Combine(folder, "mine.db");
        if (kind == "text")
        {
            File.WriteAllText(path, "a user's precious file");
        }
        else
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE precious (id INTEGER); INSERT INTO precious VALUES (1);";
            command.ExecuteNonQuery();
        }

        byte[] before = File.ReadAllBytes(path);
        var (exit, _, stderr) = CliHarness.Run("demo", "--customers", "300", "--store", "sqlite:" + path, "--report", Path.Combine(folder, "r.html"), "--overwrite", "--json");

        Assert.Equal(2, exit);
        Assert.Contains("is not a store made by loyalty demo", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Demo_WithoutJson_PrintsTablesAndTheReportPath()
    {
        string folder = DemoRun.NewFolder("demo-tables");
        var (exit, stdout, _) = CliHarness.Run("demo", "--customers", "300", "--store", "memory", "--report", Path.Combine(folder, "r.html"));

        Assert.Equal(0, exit);
        Assert.Contains("segments (k-means)", stdout, StringComparison.Ordinal);
        Assert.Contains("uplift against the holdout", stdout, StringComparison.Ordinal);
        Assert.Contains("Report: " + Path.Combine(folder, "r.html"), stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal); // no ANSI codes when not on a terminal
    }

    [Theory]
    [InlineData("--customers", "5", "--customers")]
    [InlineData("--store", "postgres:x", "--store")]
    [InlineData("--segments", "1", "--segments")]
    [InlineData("--budget", "-3", "--budget")]
    public void Demo_BadArgument_ExitsTwoNamingTheOption(string option, string value, string named)
    {
        var (exit, stdout, stderr) = CliHarness.Run("demo", option, value, "--json");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
