using System.Text;
using System.Text.Json;

namespace Loyalty.Core.Tests.Cli.BadInput;

/// <summary>
/// The bad-input corpus for transaction logs (issue 15): each case through the CLI, asserting the exit code and
/// what the one error line says. Exit 2 names the file and line (and column); a rejected row under --max-rejected
/// is counted and the command succeeds.
/// </summary>
public sealed class TransactionsBadInputTests : IDisposable
{
    private const string Header = "customer_id,date,amount\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("loyalty-bad-tx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Store(string name) => "sqlite:" + Path.Combine(_directory, name);

    private static (int Exit, string Stdout, string Stderr) Rfm(string path, params string[] extra) =>
        CliHarness.Run(["rfm", "--transactions", path, "--time-unit", "day", "--json", .. extra]);

    private static void AssertOneErrorLine(string stderr, params string[] fragments)
    {
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RfmAndIngest_CdnowWithManyBlankLines_ReadBothRowsWithoutStackOverflow()
    {
        var text = new StringBuilder("00001 19970101 1 29.33\n");
        for (int i = 0; i < 300_000; i++)
        {
            text.Append(" \t \n");
        }

        string path = Write("blank.txt", text.Append("00002 19970102 2 63.34\n").ToString());

        var rfm = CliHarness.Run("rfm", "--transactions", path, "--format", "cdnow", "--time-unit", "day", "--json");
        var ingest = CliHarness.Run("ingest", "--transactions", path, "--format", "cdnow", "--store", Store("blank.db"), "--json");

        Assert.True(rfm.Exit == 0, rfm.Stderr);
        Assert.True(ingest.Exit == 0, ingest.Stderr);
        using var doc = JsonDocument.Parse(rfm.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("customers").GetInt32());
        using var ingested = JsonDocument.Parse(ingest.Stdout);
        Assert.Equal(2, ingested.RootElement.GetProperty("inserted").GetInt64());
    }

    private byte[] InvalidUtf8Ids() =>
        [.. Encoding.UTF8.GetBytes(Header), (byte)'a', 0xFF, .. ",2020-01-01,5\n"u8, (byte)'a', 0xFE, .. ",2020-01-02,7\nb,2020-01-03,1\n"u8];

    [Fact]
    public void Ingest_IdsDifferingOnlyInInvalidBytes_ExitTwoNamingLineAndColumn()
    {
        string path = Write("utf.csv", InvalidUtf8Ids());

        var result = CliHarness.Run("ingest", "--transactions", path, "--store", Store("utf.db"));

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "utf.csv: line 2, column 'customer_id'", "invalid UTF-8", "a\\xFF");
    }

    [Fact]
    public void Ingest_IdsDifferingOnlyInInvalidBytesUnderMaxRejected_BothRejectedNeverMerged()
    {
        string path = Write("utf.csv", InvalidUtf8Ids());
        string store = Store("utf-lenient.db");

        var ingest = CliHarness.Run("ingest", "--transactions", path, "--store", store, "--max-rejected", "2", "--json");
        var rfm = CliHarness.Run("rfm", "--store", store, "--time-unit", "day", "--calibration-end", "2020-12-31", "--json");

        Assert.True(ingest.Exit == 0, ingest.Stderr);
        using var doc = JsonDocument.Parse(ingest.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("inserted").GetInt64());
        Assert.Equal(2, doc.RootElement.GetProperty("rejected").GetInt64());
        Assert.True(rfm.Exit == 0, rfm.Stderr);
        using var summaries = JsonDocument.Parse(rfm.Stdout);
        Assert.Equal(1, summaries.RootElement.GetProperty("customers").GetInt32());
    }

    [Fact]
    public void Rfm_IdsDifferingOnlyInInvalidBytes_NamesTheLineNotAShardError()
    {
        string path = Write("utf.csv", InvalidUtf8Ids());

        var result = Rfm(path);

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "utf.csv: line 2, column 'customer_id'");
        Assert.DoesNotContain("appears twice", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_ThousandsSeparator_ExitTwoNamingTheFieldCount()
    {
        string path = Write("comma.csv", Header + "a,2020-01-01,1,234.50\n");

        var result = Rfm(path);

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "comma.csv: line 2", "4 fields where the header has 3", "thousands separator");
    }

    [Fact]
    public void Rfm_DuplicateHeaderName_ExitTwo()
    {
        string path = Write("duph.csv", "customer_id,date,amount,date\na,2020-01-01,5,2021-01-01\n");

        var result = Rfm(path);

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "duph.csv: line 1, column 'date'", "twice");
    }

    [Fact]
    public void Rfm_PlaceholderDate_ExitTwoNamingTheRule()
    {
        string path = Write("far.csv", Header + "a,2020-01-01,5\nb,9999-12-31,5\n");

        var result = Rfm(path);

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "far.csv: line 3, column 'date'", "'9999-12-31'", "outside the plausible dates");
    }

    [Fact]
    public void Rfm_PlaceholderDateUnderMaxRejected_CalibrationEndUnmoved()
    {
        string path = Write("far.csv", Header + "a,2020-01-01,5\na,2020-03-01,5\nb,9999-12-31,5\n");

        var result = Rfm(path, "--max-rejected", "1");

        Assert.True(result.Exit == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("2020-03-01", doc.RootElement.GetProperty("calibrationEnd").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("rejectedRows").GetInt64());
    }

    [Fact]
    public void Rfm_LatestDateOption_Applies()
    {
        string path = Write("late.csv", Header + "a,2020-01-01,5\nb,2020-07-01,5\n");

        var result = Rfm(path, "--latest-date", "2020-06-30");

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "late.csv: line 3", "2020-06-30");
    }

    [Fact]
    public void Rfm_PlusMinusAmount_ExitTwo()
    {
        string path = Write("pm.csv", Header + "a,2020-01-01,+-5\n");

        var result = Rfm(path, "--returns", "keep");

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "pm.csv: line 2, column 'amount'", "'+-5'");
    }

    [Theory]
    [InlineData("rfm")]
    [InlineData("ingest")]
    [InlineData("clv")]
    public void Command_HeaderOnlyLog_ExitTwoNamingTheFile(string command)
    {
        string path = Write("header.csv", Header);

        var result = RunCommand(command, path);

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "header.csv: line 1", "no data rows");
    }

    [Theory]
    [InlineData("rfm")]
    [InlineData("ingest")]
    [InlineData("clv")]
    public void Command_AllRowsRejected_ExitTwoNamingTheFirst(string command)
    {
        string path = Write("allrej.csv", Header + "a,2020-01-01,x\nb,2020-01-02,y\n");

        var result = RunCommand(command, path, "--max-rejected", "5");

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "allrej.csv: line 2, column 'amount'", "all 2 data rows were rejected");
    }

    [Theory]
    [InlineData("rfm", "drop")]
    [InlineData("rfm", "net")]
    [InlineData("clv", "drop")]
    public void Command_OnlyReturns_ExitTwoNamingTheFileAndTheWayOut(string command, string returns)
    {
        string path = Write("returns.csv", Header + "a,2020-01-01,-5\nb,2020-01-02,-3\n");

        var result = RunCommand(command, path, "--returns", returns);

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "returns.csv: line 0", "none of the 2 accepted rows is a purchase", "--calibration-end");
    }

    [Theory]
    [InlineData("rfm")]
    [InlineData("ingest")]
    [InlineData("clv")]
    public void Command_HugeAmount_ExitTwoNamedRejection(string command)
    {
        string path = Write("big.csv", Header + "a,2020-01-01,5\nb,2020-01-02,7.9e24\n");

        var result = RunCommand(command, path);

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "big.csv: line 3, column 'amount'", "above the plausible amount");
    }

    private (int Exit, string Stdout, string Stderr) RunCommand(string command, string path, params string[] extra) => command switch
    {
        "rfm" => Rfm(path, extra),
        "ingest" => CliHarness.Run(["ingest", "--transactions", path, "--store", Store(command + ".db"), .. extra]),
        _ => CliHarness.Run(["clv", "fit", "--transactions", path, "--model", "bgnbd", .. extra]),
    };

    [Fact]
    public void Rfm_QuoteError_ExitTwoNamingTheFile()
    {
        string path = Write("quote.csv", Header + "a,2020-01-01,\"5\nb,2020-01-02,3\n");

        var result = Rfm(path);

        Assert.Equal(2, result.Exit);
        AssertOneErrorLine(result.Stderr, "quote.csv: line 2, column 'amount'", "not closed");
    }

    [Fact]
    public void Rfm_QuoteErrorUnderMaxRejected_CountedAndTheRestRead()
    {
        string path = Write("quote.csv", Header + "a,2020-01-01,5\"\nb,2020-01-02,3\nc,\"2020-01-03\"x,3\n");

        var result = Rfm(path, "--max-rejected", "2");

        Assert.True(result.Exit == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("rejectedRows").GetInt64());
        Assert.Equal(1, doc.RootElement.GetProperty("customers").GetInt32());
    }

    [Fact]
    public void Rfm_FiveMegabyteBadField_ShortErrorLine()
    {
        string path = Write("huge.csv", Header + "a,2020-01-01," + new string('9', 5_000_000) + "x\n");

        var result = Rfm(path);

        Assert.Equal(2, result.Exit);
        Assert.True(result.Stderr.Length < 500, $"{result.Stderr.Length} characters on stderr");
        AssertOneErrorLine(result.Stderr, "huge.csv: line 2, column 'amount'", "(5000001 bytes)");
    }

    [Fact]
    public void Rfm_ControlCharactersInTheFile_EscapedOnStderr()
    {
        string path = Write("ctl.csv", Header + "a\u001B]0;owned\u0007,2020-01-01,\u001B[2J5\u202E\n");

        var result = Rfm(path);

        Assert.Equal(2, result.Exit);
        Assert.DoesNotContain(result.Stderr.TrimEnd('\n', '\r'), c => char.IsControl(c) || c == '\u202E');
        AssertOneErrorLine(result.Stderr, "ctl.csv: line 2, column 'amount'", "\\x1B[2J5\\u202E");
    }
}
