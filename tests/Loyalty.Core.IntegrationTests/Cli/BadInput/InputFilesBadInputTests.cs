using System.Text;
using System.Text.Json;
using Loyalty.Cli.Infrastructure;

namespace Loyalty.Core.Tests.Cli.BadInput;

/// <summary>The bad-input corpus of issue 15 for the CLI's non-transaction inputs (ratings, summaries, matrices and
/// `segment`'s CSV header): each case exits 2 with one line naming the file and the line/column or byte offset.</summary>
public sealed class InputFilesBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bad-input-files").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Segment_NpyHeaderClaimingFourGigabytes_ExitsTwoNamingOffset()
    {
        string npy = Write("huge.npy", [0x93, .. "NUMPY"u8, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, .. "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n"u8]);
        string stderr = BadInput("segment", "--input", npy, "--k", "1");
        Assert.Contains("huge.npy, byte 8: the .npy header claims 4294967295 bytes", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_NpyShapeOfFourGigabytes_ExitsTwoBeforeAllocating()
    {
        string npy = Write("shape.npy", Npy("<f4", "(1073741824,)"));
        string stderr = BadInput("segment", "--input", npy, "--k", "1");
        Assert.Contains("shape.npy, byte ", stderr, StringComparison.Ordinal);
        Assert.Contains("shape (1073741824, 1) of <f4 needs 4294967296 (truncated)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_KmfShapeWhoseProductOverflows_ExitsTwoNamingOffset()
    {
        string kmf = Write("overflow.kmf", [.. "KMF1"u8, .. BitConverter.GetBytes(1L << 33), .. BitConverter.GetBytes(1L << 31)]);
        string stderr = BadInput("segment", "--input", kmf, "--k", "1");
        Assert.Contains("overflow.kmf, byte 4: the header declares 8589934592 × 2147483648 values, more than one matrix can hold", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_TruncatedKmf_ExitsTwoNamingSizes()
    {
        string kmf = Write("short.kmf", [.. "KMF1"u8, .. BitConverter.GetBytes(10L), .. BitConverter.GetBytes(2L), 0, 0, 0, 0]);
        Assert.Contains("short.kmf, byte 24: the file has 24 bytes; a 10 × 2 KMF1 file has 100 (truncated)", BadInput("segment", "--input", kmf, "--k", "1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_TruncatedNpyData_ExitsTwoNamingSizes()
    {
        string npy = Write("cut.npy", [.. Npy("<f8", "(2, 2)"), .. new byte[20]]);
        Assert.Contains("20 data bytes, but shape (2, 2) of <f8 needs 32 (truncated)", BadInput("segment", "--input", npy, "--k", "1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_HeaderlessFileWithTypoInFirstRow_ExitsTwoInsteadOfTakingItAsHeader()
    {
        string csv = WriteText("typo.csv", "1.5,2x\n3,4\n5,6\n");
        string stderr = BadInput("segment", "--input", csv, "--k", "1");
        Assert.Contains("typo.csv:1, column 1: line 1 is read as the header (the default), but '1.5' is a number", stderr, StringComparison.Ordinal);
        Assert.Contains("--no-header", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_TypoInFirstRowWithNoHeader_ExitsTwoNamingTheField()
    {
        string csv = WriteText("typo.csv", "1.5,2x\n3,4\n");
        Assert.Contains("typo.csv:1, column 2: '2x' is not a number", BadInput("segment", "--input", csv, "--k", "1", "--no-header"), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_NumericFirstLineByDefault_ExitsTwoAndNoHeaderReadsEveryRow()
    {
        string csv = WriteText("numbers.csv", "0,0\n0,1\n9,9\n");
        Assert.Contains("numbers.csv:1, column 1:", BadInput("segment", "--input", csv, "--k", "1"), StringComparison.Ordinal);
        var (exit, stdout, _) = CliHarness.Run("segment", "--input", csv, "--k", "1", "--no-header", "--json");
        Assert.Equal(CliRunner.Success, exit);
        Assert.Equal(3, JsonDocument.Parse(stdout).RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Segment_DuplicateHeaderName_ExitsTwo()
    {
        string csv = WriteText("dup.csv", "spend,visits,Spend\n1,2,3\n");
        Assert.Contains("dup.csv:1, column 3: the header repeats column 1's name 'Spend'", BadInput("segment", "--input", csv, "--k", "1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_ThousandsSeparatorInRow_ExitsTwoNamingFieldCount()
    {
        string csv = WriteText("comma.csv", "spend,visits\n1,234.50,3\n");
        Assert.Contains("comma.csv:2: 3 fields, but the header has 2", BadInput("segment", "--input", csv, "--k", "1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_NaNAndInfinityText_ExitsTwoNamingColumn()
    {
        Assert.Contains("nan.csv:3, column 'visits': 'Infinity' is not finite", BadInput("segment", "--input", WriteText("nan.csv", "spend,visits\n1,2\n3,Infinity\n"), "--k", "1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_UnterminatedQuote_ExitsTwoNamingLineAndColumn()
    {
        Assert.Contains("quote.csv:2, column 2: the quote opened at character 3 is not closed", BadInput("segment", "--input", WriteText("quote.csv", "a,b\n1,\"2\n"), "--k", "1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_HeaderAndNoHeaderTogether_ExitsTwoNamingOptions()
    {
        Assert.Contains("--header and --no-header", BadInput("segment", "--input", WriteText("p.csv", "a\n1\n"), "--k", "1", "--header", "--no-header"), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_NoHeaderWithBinaryInput_ExitsTwoNamingOption()
    {
        string kmf = Write("p.kmf", [.. "KMF1"u8, .. BitConverter.GetBytes(1L), .. BitConverter.GetBytes(1L), .. BitConverter.GetBytes(1f)]);
        Assert.Contains("option --no-header", BadInput("segment", "--input", kmf, "--k", "1", "--no-header"), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_UnknownColumnName_ExitsTwoNamingOption()
    {
        string stderr = BadInput("segment", "--input", WriteText("p.csv", "id,spend\nc1,1\n"), "--k", "1", "--columns", "spnd");
        Assert.Contains("option --columns: no column 'spnd' in the header", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_ColumnsSkipAnIdColumn_ClustersTheRest()
    {
        string csv = WriteText("ids.csv", "id,spend,visits\nc1,0,0\nc2,0,1\nc3,9,9\nc4,9,8\n");
        var (exit, stdout, stderr) = CliHarness.Run("segment", "--input", csv, "--k", "2", "--columns", "spend,3", "--json");
        Assert.True(exit == CliRunner.Success, stderr);
        Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetProperty("d").GetInt32());
    }

    [Fact]
    public void Ratings_IdsDifferingOnlyInInvalidUtf8_ExitsTwoInsteadOfMerging()
    {
        byte[] content = [.. "user,item,rating\nu"u8, 0xFF, .. ",i1,4\nu"u8, 0xFE, .. ",i1,5\n"u8];
        string stderr = BadInput("recommend", "evaluate", "--ratings", Write("utf.csv", content), "--folds", "2");
        Assert.Contains("utf.csv:2, character 2: invalid UTF-8 at byte 2 of the line: '\\xFF,i1,4'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratings_DuplicateHeaderName_ExitsTwo()
    {
        string stderr = BadInput("recommend", "evaluate", "--ratings", WriteText("dup.csv", "user,item,rating,rating\nu1,i1,4,5\n"), "--folds", "2");
        Assert.Contains("dup.csv:1, column 4: the header repeats column 3's name 'rating'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratings_ExtraFieldFromDecimalComma_ExitsTwo()
    {
        string stderr = BadInput("recommend", "evaluate", "--ratings", WriteText("comma.csv", "user,item,rating\nu1,i1,4,5\n"), "--folds", "2");
        Assert.Contains("comma.csv:2: 4 field(s), but the header has 3", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratings_ControlCharactersInId_ExitsTwoWithEscapedExcerpt()
    {
        string stderr = BadInput("recommend", "evaluate", "--ratings", WriteText("ctl.csv", "user,item,rating\nu\u001b[31m1,i1,4\n"), "--folds", "2");
        Assert.Contains("ctl.csv:2, column 'user': the id 'u\\u001B[31m1' has a control character", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stderr);
    }

    [Fact]
    public void Ratings_TruncatedMovieLensLine_ExitsTwo()
    {
        string stderr = BadInput("recommend", "evaluate", "--ratings", WriteText("u.data", "1\t10\t4\t881250949\n2\t1"), "--folds", "2");
        Assert.Contains("u.data:2: expected tab-separated 'user item rating [timestamp]', found 2 field(s)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_DuplicateHeaderName_ExitsTwo()
    {
        string stderr = BadInput("clv", "fit", "--summary", WriteText("dup.csv", "ID,x,t_x,T,t\n1,2,30,38,\n"), "--model", "bgnbd");
        Assert.Contains("dup.csv:1, column 5: the header repeats column 4's name 't'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_TruncatedLastRow_ExitsTwoNamingFieldCount()
    {
        string stderr = BadInput("clv", "fit", "--summary", WriteText("cut.csv", "ID,x,t_x,T\n1,2,30,38\n2,1"), "--model", "bgnbd");
        Assert.Contains("cut.csv:3: 2 fields, but the header has 4", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_InvalidUtf8InId_ExitsTwo()
    {
        byte[] content = [.. "ID,x,t_x,T\nc"u8, 0xC3, .. ",2,30,38\n"u8];
        Assert.Contains("inv.csv:2, character 2: invalid UTF-8", BadInput("clv", "fit", "--summary", Write("inv.csv", content), "--model", "bgnbd"), StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_MegabyteField_MessageIsBounded()
    {
        string stderr = BadInput("clv", "fit", "--summary", WriteText("big.csv", "ID,x,t_x,T\n1," + new string('7', 1_000_000) + "x,30,38\n"), "--model", "bgnbd");
        Assert.Contains("big.csv:2, column 'x': '77777", stderr, StringComparison.Ordinal);
        Assert.Contains("… (1000001 characters)", stderr, StringComparison.Ordinal);
        Assert.True(stderr.Length < 400, $"{stderr.Length} characters");
    }

    private string BadInput(params string[] args)
    {
        var (exit, _, stderr) = CliHarness.Run(args);
        Assert.True(exit == CliRunner.BadInput, $"exit {exit}: {stderr}");
        string error = stderr.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        return error;
    }

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string WriteText(string name, string content) => Write(name, Encoding.UTF8.GetBytes(content));

    private static byte[] Npy(string descr, string shape)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        string header = dict.PadRight(((10 + dict.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, .. BitConverter.GetBytes((ushort)header.Length), .. Encoding.Latin1.GetBytes(header)];
    }
}
