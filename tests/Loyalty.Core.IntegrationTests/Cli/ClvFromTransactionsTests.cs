using System.Text.Json;

namespace Loyalty.Core.Tests.Cli;

/// <summary><c>clv fit --transactions</c>: the RFM step and the model in one command, on the raw CDNOW log.</summary>
public sealed class ClvFromTransactionsTests
{
    [Fact]
    public void ClvFit_RawCdnowLog_ReproducesTheUnroundedBgNbdFit()
    {
        var (exit, stdout, _) = CliHarness.Run("clv", "fit", "--transactions", TestData.Bundled("cdnow", "CDNOW_sample.txt"),
            "--format", "cdnow", "--calibration-end", "1997-09-30", "--model", "bgnbd", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var p = json.RootElement.GetProperty("parameters");
        // R BTYD on the unrounded summaries: r .2425982, α 4.4136842, a .7929899, b 2.4261667, ln L −9582.429.
        Assert.Equal(0.2425982, p.GetProperty("r").GetDouble(), 0.2425982 * 1e-3);
        Assert.Equal(4.4136842, p.GetProperty("alpha").GetDouble(), 4.4136842 * 1e-3);
        Assert.Equal(0.7929899, p.GetProperty("a").GetDouble(), 0.7929899 * 1e-3);
        Assert.Equal(2.4261667, p.GetProperty("b").GetDouble(), 2.4261667 * 1e-3);
        Assert.Equal(-9582.429, json.RootElement.GetProperty("logLikelihood").GetDouble(), 0.01);
    }

    [Fact]
    public void ClvFit_SummaryAndTransactionsBoth_ExitsWith2()
    {
        string sample = TestData.Bundled("cdnow", "CDNOW_sample.txt");
        var (exit, _, stderr) = CliHarness.Run("clv", "fit", "--transactions", sample, "--summary", sample, "--model", "bgnbd");
        Assert.Equal(2, exit);
        Assert.Contains("exactly one of --summary", stderr, StringComparison.Ordinal);
    }
}
