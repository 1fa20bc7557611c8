using System.Text.Json;

namespace Loyalty.Core.Tests.Cli;

public sealed class IngestCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loyalty-ingest-").FullName;

    private string Store => "sqlite:" + Path.Combine(_directory, "store.db");

    private static string Sample => TestData.Bundled("cdnow", "CDNOW_sample.txt");

    [Fact]
    public void Ingest_SameFileTwice_SecondRunInsertsNothing()
    {
        var first = CliHarness.Run("ingest", "--transactions", Sample, "--format", "cdnow", "--store", Store, "--json");
        var second = CliHarness.Run("ingest", "--transactions", Sample, "--format", "cdnow", "--store", Store, "--json");

        Assert.True(first.Exit == 0, first.Stderr);
        using var a = JsonDocument.Parse(first.Stdout);
        using var b = JsonDocument.Parse(second.Stdout);
        Assert.Equal(6919, a.RootElement.GetProperty("read").GetInt64());
        Assert.Equal(6919, a.RootElement.GetProperty("inserted").GetInt64());
        Assert.Equal(0, b.RootElement.GetProperty("inserted").GetInt64());
        Assert.Equal(6919, b.RootElement.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, b.RootElement.GetProperty("rejected").GetInt64());
    }

    [Fact]
    public void RfmStore_AfterIngest_EqualsRfmFromTheFile()
    {
        CliHarness.Run("ingest", "--transactions", Sample, "--format", "cdnow", "--store", Store);
        string fromFile = Path.Combine(_directory, "file.csv");
        string fromStore = Path.Combine(_directory, "store.csv");

        var file = CliHarness.Run("rfm", "--transactions", Sample, "--format", "cdnow", "--time-unit", "week", "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30", "--output", fromFile, "--json");
        var store = CliHarness.Run("rfm", "--store", Store, "--time-unit", "week", "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30", "--output", fromStore, "--json");

        Assert.True(store.Exit == 0, store.Stderr);
        Assert.Equal(file.Exit, store.Exit);
        var expected = File.ReadAllLines(fromFile).Skip(1).Order(StringComparer.Ordinal).ToList();
        var actual = File.ReadAllLines(fromStore).Skip(1).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            // SQL sums money exactly (fixed point), the file path in double: equal to 1e-9 relative.
            var e = expected[i].Split(',');
            var a = actual[i].Split(',');
            Assert.Equal(e[0], a[0]);
            for (int f = 1; f < e.Length; f++)
            {
                double x = double.Parse(e[f], System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(x, double.Parse(a[f], System.Globalization.CultureInfo.InvariantCulture), 1e-9 * Math.Max(1, Math.Abs(x)));
            }
        }
    }

    [Theory]
    [InlineData("mysql:whatever", "--store")]
    [InlineData("sqlite:", "--store")]
    public void Ingest_BadStoreLocation_ExitsTwoNamingTheOption(string location, string named)
    {
        var result = CliHarness.Run("ingest", "--transactions", Sample, "--format", "cdnow", "--store", location);

        Assert.Equal(2, result.Exit);
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_StoreAndTransactionsTogether_ExitsTwo()
    {
        var result = CliHarness.Run("rfm", "--store", Store, "--transactions", Sample, "--time-unit", "week");

        Assert.Equal(2, result.Exit);
        Assert.Contains("only one", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RfmStore_NoCalibrationEnd_ExitsTwoNamingTheOption()
    {
        var result = CliHarness.Run("rfm", "--store", Store, "--time-unit", "week");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--calibration-end", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
