using System.Text;
using Loyalty.Cli.Infrastructure;
using Loyalty.Cli.Input;

namespace Loyalty.Core.Tests.Cli.Input;

public sealed class MatrixCsvReaderTests
{
    [Fact]
    public void Read_DefaultWithHeader_NamesColumns()
    {
        FeatureMatrix matrix = Read("spend,visits\n1,2\n3,4\n");
        Assert.Equal(["spend", "visits"], matrix.ColumnNames);
        Assert.Equal(2, matrix.Rows);
    }

    [Fact]
    public void Read_DefaultWithNumericFirstLine_RefusesToGuess()
    {
        var error = Assert.Throws<InputFormatException>(() => Read("0,0\n1,1\n"));
        Assert.StartsWith("m.csv:1, column 1: line 1 is read as the header (the default), but '0' is a number", error.Message, StringComparison.Ordinal);
        Assert.Contains("--no-header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DefaultWithTypoInFirstDataRow_RefusesToTakeItAsHeader()
    {
        // A headerless file whose first row has a typo: the old reader silently made it the header.
        var error = Assert.Throws<InputFormatException>(() => Read("1.5,2x\n3,4\n"));
        Assert.StartsWith("m.csv:1, column 1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExplicitHeaderWithNumericNames_AcceptsThem()
    {
        Assert.Equal(["2019", "2020"], Read("2019,2020\n1,2\n", new MatrixReadOptions(CsvHeaderMode.Present)).ColumnNames);
    }

    [Fact]
    public void Read_NoHeaderWithNames_NamesTheField()
    {
        var error = Assert.Throws<InputFormatException>(() => Read("x,y\n1,2\n", new MatrixReadOptions(CsvHeaderMode.Absent)));
        Assert.Equal("m.csv:1, column 1: 'x' is not a number", error.Message);
    }

    [Theory]
    [InlineData("a,b,a\n1,2,3\n", "m.csv:1, column 3: the header repeats column 1's name 'a'")]
    [InlineData("a,b\n1,2\n1,234.50,3\n", "m.csv:3: 3 fields, but the header has 2")]
    [InlineData("a,b\n1,NaN\n", "m.csv:2, column 'b': 'NaN' is not finite")]
    [InlineData("a,b\n1,1e39\n", "m.csv:2, column 'b': '1e39' is not finite")]
    [InlineData("a,b\n1,+-5\n", "m.csv:2, column 'b': '+-5' is not a number")]
    [InlineData("a,b\n", "m.csv:1: no data rows after the header")]
    public void Read_BadContent_ThrowsNamingLineAndColumn(string content, string message)
    {
        var error = Assert.Throws<InputFormatException>(() => Read(content));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ColumnsByNameAndNumber_SelectsInOrder()
    {
        FeatureMatrix matrix = Read("id,spend,visits\nc1,1,2\nc2,3,4\n", new MatrixReadOptions(Columns: "visits,2"));
        Assert.Equal(["visits", "spend"], matrix.ColumnNames);
        Assert.Equal([2f, 1f], matrix.Row(0).ToArray());
    }

    [Theory]
    [InlineData("nope", "no column 'nope'")]
    [InlineData("4", "outside 1..3")]
    [InlineData("0", "outside 1..3")]
    [InlineData("spend,2", "listed twice")]
    [InlineData("spend,", "an empty entry")]
    public void Read_BadColumns_ThrowsNamingTheOption(string columns, string message)
    {
        var error = Assert.Throws<UserInputException>(() => Read("id,spend,visits\nc1,1,2\n", new MatrixReadOptions(Columns: columns)));
        Assert.StartsWith("option --columns", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ColumnNamesWithoutHeader_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<UserInputException>(() => Read("1,2\n", new MatrixReadOptions(CsvHeaderMode.Absent, "spend")));
        Assert.Contains("read without a header", error.Message, StringComparison.Ordinal);
    }

    private static FeatureMatrix Read(string content, MatrixReadOptions? options = null) =>
        MatrixCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(content)), "m.csv", options ?? MatrixReadOptions.Default);
}
