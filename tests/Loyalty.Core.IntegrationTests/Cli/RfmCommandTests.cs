using System.Globalization;
using System.Text.Json;

namespace Loyalty.Core.Tests.Cli;

public sealed class RfmCommandTests
{
    private static readonly string Sample = TestData.Bundled("cdnow", "CDNOW_sample.txt");

    [Fact]
    public void Rfm_CdnowJson_PrintsOneObjectWithTheContractFields()
    {
        var (exit, stdout, stderr) = CliHarness.Run("rfm", "--transactions", Sample, "--format", "cdnow", "--time-unit", "week",
            "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(2357, root.GetProperty("customers").GetInt32());
        Assert.Equal(6919, root.GetProperty("transactions").GetInt64());
        Assert.Equal(0, root.GetProperty("rejectedRows").GetInt64());
        Assert.Equal(0, root.GetProperty("duplicateRows").GetInt64());
        Assert.Equal("1997-09-30", root.GetProperty("calibrationEnd").GetString());
        Assert.Equal("1998-06-30", root.GetProperty("observationEnd").GetString());
        Assert.Equal("week", root.GetProperty("timeUnit").GetString());
    }

    [Fact]
    public void Rfm_Output_WritesLifetimesColumnsWithHoldout()
    {
        string output = Path.Combine(Path.GetTempPath(), $"rfm-{Guid.NewGuid():N}.csv");
        try
        {
            var (exit, _, _) = CliHarness.Run("rfm", "--transactions", Sample, "--format", "cdnow", "--time-unit", "week",
                "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30", "--output", output, "--json");

            Assert.Equal(0, exit);
            var lines = File.ReadAllLines(output);
            Assert.Equal("customer_id,frequency,recency,T,monetary_value,frequency_holdout,duration_holdout,monetary_value_holdout", lines[0]);
            Assert.Equal(2358, lines.Length);
            var first = lines[1].Split(',');
            Assert.Equal(("0001", "2"), (first[0], first[1]));
            Assert.Equal(30.43, double.Parse(first[2], CultureInfo.InvariantCulture), 0.005);
            Assert.Equal(39.0, double.Parse(first[6], CultureInfo.InvariantCulture), 1e-9);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("--time-unit", "fortnight", "--time-unit")]
    [InlineData("--calibration-end", "30/09/1997", "--calibration-end")]
    [InlineData("--format", "parquet", "--format")]
    public void Rfm_BadOption_ExitsWith2AndNamesTheOption(string option, string value, string named)
    {
        var args = new List<string> { "rfm", "--transactions", Sample, "--format", "cdnow", "--time-unit", "week" };
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (exit, stdout, stderr) = CliHarness.Run([.. args]);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Rfm_UnparsableDate_ExitsWith2NamingFileLineAndColumn()
    {
        string file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "customer_id,date,amount\na,2024-01-01,1\na,2024-02-30,1\n");
        try
        {
            var (exit, _, stderr) = CliHarness.Run("rfm", "--transactions", file, "--time-unit", "day", "--json");
            Assert.Equal(2, exit);
            Assert.Contains(Path.GetFileName(file) + ": line 3, column 'date'", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Rfm_MissingRequiredOption_ExitsWith2() =>
        Assert.Equal(2, CliHarness.Run("rfm", "--transactions", Sample).Exit);
}
