using System.CommandLine;
using System.Text.Json;
using Loyalty.Cli.Commands;
using Loyalty.Cli.Infrastructure;

namespace Loyalty.Core.Tests.Cli;

public sealed class ClvCommandTests : IDisposable
{
    private static readonly string Cdnow = TestData.Bundled("cdnow", "cdnow_customers_summary_with_transactions.csv");
    private readonly string _dir = Directory.CreateTempSubdirectory("clv-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test") { ClvCommand.Create() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliRunner.Run(root, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Fit_BgNbdWithSpendJson_PrintsOneObjectWithPublishedParameters()
    {
        var (code, output, _) = Run("clv", "fit", "--summary", Cdnow, "--model", "bgnbd", "--spend", "gammagamma", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("bgnbd", root.GetProperty("model").GetString());
        Assert.Equal(2357, root.GetProperty("customers").GetInt32());
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal(0.2426, root.GetProperty("parameters").GetProperty("r").GetDouble(), 0.0005);
        Assert.Equal(-9582.43, root.GetProperty("logLikelihood").GetDouble(), 0.05);
        Assert.True(root.GetProperty("standardErrors").GetProperty("alpha").GetDouble() > 0);
        Assert.Equal(6.25, root.GetProperty("spend").GetProperty("parameters").GetProperty("p").GetDouble(), 0.01);
    }

    [Fact]
    public void Fit_Predictions_KeepsInputOrderAndIds()
    {
        string path = Path.Combine(_dir, "pred.csv");
        var (code, _, err) = Run("clv", "fit", "--summary", Cdnow, "--model", "paretonbd", "--spend", "gammagamma", "--predictions", path, "--horizon", "52", "--discount-rate", "0.01");
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(path);
        Assert.Equal("customer_id,p_alive,expected_purchases,expected_spend,clv", lines[0]);
        Assert.Equal(2358, lines.Length);
        Assert.StartsWith("1,", lines[1]);
        Assert.StartsWith("2357,", lines[^1]);
        var first = lines[1].Split(',');
        Assert.InRange(double.Parse(first[1], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        Assert.True(double.Parse(first[4], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void Fit_BgBbDonations_Succeeds()
    {
        var (code, output, _) = Run("clv", "fit", "--summary", TestData.Bundled("cdnow", "donations.csv"), "--model", "bgbb", "--json");
        Assert.Equal(0, code);
        Assert.Equal(11104, JsonDocument.Parse(output).RootElement.GetProperty("customers").GetInt32());
    }

    [Fact]
    public void Fit_Sbg_Succeeds()
    {
        string path = Path.Combine(_dir, "survivors.csv");
        File.WriteAllText(path, "year,survivors\n0,1000\n1,631\n2,468\n3,382\n4,326\n5,289\n6,262\n7,241\n");
        var (code, output, _) = Run("clv", "fit", "--summary", path, "--model", "sbg", "--json");
        Assert.Equal(0, code);
        Assert.Equal(0.704, JsonDocument.Parse(output).RootElement.GetProperty("parameters").GetProperty("alpha").GetDouble(), 0.0005);
    }

    [Fact]
    public void Fit_RecencyAboveT_Exit2NamingFileLineAndColumn()
    {
        string path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "ID,frequency,recency,T\n1,2,30.43,38.86\n2,1,40.2,38.9\n");
        var (code, output, err) = Run("clv", "fit", "--summary", path, "--model", "bgnbd");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("bad.csv:3, column 'recency'", err);
    }

    [Fact]
    public void Fit_NonIntegerFrequency_Exit2()
    {
        string path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "ID,frequency,recency,T\n1,2.5,30.43,38.86\n");
        var (code, _, err) = Run("clv", "fit", "--summary", path, "--model", "bgnbd");
        Assert.Equal(2, code);
        Assert.Contains("column 'frequency': '2.5' is not a non-negative integer", err);
    }

    [Fact]
    public void Fit_SpendWithoutMonetaryColumn_Exit2()
    {
        var (code, _, err) = Run("clv", "fit", "--summary", TestData.Bundled("cdnow", "cdnow_customers_summary.csv"), "--model", "bgnbd", "--spend", "gammagamma");
        Assert.Equal(2, code);
        Assert.Contains("monetary_value", err);
    }

    [Fact]
    public void Fit_UnknownModel_Exit2() => Assert.Equal(2, Run("clv", "fit", "--summary", Cdnow, "--model", "xyz").Code);

    [Fact]
    public void Fit_PredictionsWithoutHorizon_Exit2() =>
        Assert.Contains("--predictions needs --horizon", Run("clv", "fit", "--summary", Cdnow, "--model", "bgnbd", "--predictions", Path.Combine(_dir, "p.csv")).Err);

    [Fact]
    public void Fit_MissingFile_Exit2() => Assert.Equal(2, Run("clv", "fit", "--summary", Path.Combine(_dir, "none.csv"), "--model", "bgnbd").Code);

    [Fact]
    public void Fit_IterationLimit_ReportsNotConvergedExit1()
    {
        var (code, output, err) = Run("clv", "fit", "--summary", Cdnow, "--model", "paretonbd", "--json", "--max-iterations", "2");
        Assert.Equal(1, code);
        Assert.False(JsonDocument.Parse(output).RootElement.GetProperty("converged").GetBoolean());
        Assert.Contains("did not converge", err);
    }
}
