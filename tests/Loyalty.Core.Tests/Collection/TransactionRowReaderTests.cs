using System.Text;
using Loyalty.Core.Collection;

namespace Loyalty.Core.Tests.Collection;

public sealed class TransactionRowReaderTests
{
    private static (List<Transaction> Rows, DataQualityReport Report) Read(byte[] bytes, CleaningPolicy? policy = null, TransactionFileOptions? options = null)
    {
        var source = new TransactionFileSource(() => new MemoryStream(bytes), (options ?? new TransactionFileOptions()) with { SourceName = "t.csv" }, policy);
        var rows = source.ReadAsync().ToBlockingEnumerable().ToList();
        return (rows, source.LastReport!);
    }

    private static (List<Transaction> Rows, DataQualityReport Report) Read(string text, CleaningPolicy? policy = null, TransactionFileOptions? options = null) =>
        Read(Encoding.UTF8.GetBytes(text), policy, options);

    private static TransactionFormatException Fails(string text, CleaningPolicy? policy = null, TransactionFileOptions? options = null) =>
        Assert.Throws<TransactionFormatException>(() => Read(text, policy, options));

    private static readonly CleaningPolicy Lenient = new() { MaxRejectedRows = 100 };

    [Theory]
    [InlineData("5", 5.0)]
    [InlineData("+5", 5.0)]
    [InlineData("-3.25", -3.25)]
    [InlineData(".5", 0.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData(" 12.50 ", 12.5)]
    public void TryParseAmount_WellFormed_ParsesTheValue(string text, double expected)
    {
        Assert.True(FieldParsers.TryParseAmount(Encoding.UTF8.GetBytes(text), out decimal amount));
        Assert.Equal((decimal)expected, amount);
    }

    [Theory]
    [InlineData("+-5")]
    [InlineData("-+5")]
    [InlineData("--5")]
    [InlineData("1,234.50")]
    [InlineData("1 000")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("0x10")]
    [InlineData("1e")]
    [InlineData("1e999")]
    [InlineData("79228162514264337593543950336")]
    public void TryParseAmount_Malformed_Fails(string text) =>
        Assert.False(FieldParsers.TryParseAmount(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void Read_PlusMinusAmount_RejectedNamingTheColumn()
    {
        var ex = Fails("customer_id,date,amount\na,2020-01-01,+-5\n", new CleaningPolicy { Returns = ReturnPolicy.Keep });
        Assert.Equal(2, ex.Line);
        Assert.Equal("amount", ex.Column);
        Assert.Contains("'+-5'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThousandsSeparatorUnquoted_RejectedForItsFieldCount()
    {
        var (rows, report) = Read("customer_id,date,amount\na,2020-01-01,1,234.50\nb,2020-01-02,5\n", Lenient);

        var row = Assert.Single(rows);
        Assert.Equal("b", row.CustomerId.Value);
        Assert.Equal(1, report.RowsRejected);
        Assert.Contains("4 fields where the header has 3", report.RejectedSamples[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThousandsSeparatorQuoted_RejectedAsAnAmount()
    {
        var ex = Fails("customer_id,date,amount\na,2020-01-01,\"1,234.50\"\n");
        Assert.Equal("amount", ex.Column);
    }

    [Fact]
    public void Read_DuplicateHeaderName_IsAnError()
    {
        var ex = Fails("customer_id,Date,amount,date\na,2020-01-01,5,2021-01-01\n");
        Assert.Equal(1, ex.Line);
        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("2200-01-01")]
    [InlineData("1899-12-31")]
    public void Read_ImplausibleDate_RejectedSoTheWindowIsUnmoved(string date)
    {
        var (rows, report) = Read($"customer_id,date,amount\na,2020-01-01,5\nb,{date},5\n", Lenient);

        Assert.Single(rows);
        Assert.Contains("outside the plausible dates", report.RejectedSamples[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LastPlausibleDay_Accepted()
    {
        var (rows, _) = Read("customer_id,date,amount\na,2199-12-31T23:59:59,5\n");
        Assert.Single(rows);
    }

    [Fact]
    public void Read_DateBoundsConfigured_Applied()
    {
        var policy = new CleaningPolicy { LatestDate = new DateTime(2020, 6, 30), MaxRejectedRows = 5 };
        var (rows, report) = Read("customer_id,date,amount\na,2020-06-30,5\nb,2020-07-01,5\n", policy);

        Assert.Single(rows);
        Assert.Equal(1, report.RowsRejected);
    }

    [Theory]
    [InlineData("7.9e24")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1000000000000.01")]
    public void Read_ImplausibleAmount_RejectedNotOverflowing(string amount)
    {
        var ex = Fails($"customer_id,date,amount\na,2020-01-01,{amount}\n");
        Assert.Contains("above the plausible amount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderOnly_IsAnError()
    {
        var ex = Fails("customer_id,date,amount\n\n");
        Assert.Contains("no data rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AllRowsRejected_IsAnErrorNamingTheFirst()
    {
        var ex = Fails("customer_id,date,amount\na,2020-01-01,x\nb,2020-01-01,y\n", Lenient);
        Assert.Equal(2, ex.Line);
        Assert.Contains("all 2 data rows were rejected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuoteErrors_CountTowardMaxRejected()
    {
        const string text = "customer_id,date,amount\na,2020-01-01,5\"\nb,\"2020-01-02\"x,5\nd,2020-01-04,1\nc,2020-01-03,\"7\n";
        var (rows, report) = Read(text, new CleaningPolicy { MaxRejectedRows = 3 });
        Assert.Equal("d", Assert.Single(rows).CustomerId.Value);
        Assert.Equal(3, report.RowsRejected);
        Assert.Equal([2L, 3L, 5L], report.RejectedSamples.Select(r => r.Line));

        var ex = Fails(text, new CleaningPolicy { MaxRejectedRows = 2 });
        Assert.StartsWith("t.csv: line 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8Ids_RejectedNeverMerged()
    {
        byte[] file = [.. "customer_id,date,amount\n"u8, (byte)'a', 0xFF, .. ",2020-01-01,5\n"u8, (byte)'a', 0xFE, .. ",2020-01-02,5\nb,2020-01-03,1\n"u8];

        var (rows, report) = Read(file, Lenient);

        Assert.Equal("b", Assert.Single(rows).CustomerId.Value);
        Assert.Equal(2, report.RowsRejected);
        Assert.Contains("a\\xFF", report.RejectedSamples[0].Reason, StringComparison.Ordinal);
        Assert.Equal("customer_id", report.RejectedSamples[0].Column);
    }

    [Fact]
    public void Read_WhiteSpaceOnlyId_Rejected()
    {
        var (rows, report) = Read("customer_id,date,amount\n\u00A0,2020-01-01,5\nb,2020-01-03,1\n", Lenient);
        Assert.Single(rows);
        Assert.Equal(1, report.RowsRejected);
    }

    [Fact]
    public void Read_HugeBadField_MessageStaysShort()
    {
        var ex = Fails("customer_id,date,amount\na,2020-01-01," + new string('9', 5_000_000) + "x\n");
        Assert.True(ex.Message.Length < 400, $"{ex.Message.Length} characters");
        Assert.Contains("(5000001 bytes)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ControlCharacters_EscapedInTheMessage()
    {
        var ex = Fails("customer_id,date,amount\na,2020-01-01,\u001B[2J\u202E5\n");
        Assert.DoesNotContain('\u001B', ex.Message);
        Assert.DoesNotContain('\u202E', ex.Message);
        Assert.Contains("\\x1B[2J\\u202E5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CdnowWrongFieldCount_Rejected()
    {
        var options = new TransactionFileOptions { Format = TransactionFileFormat.Cdnow };
        var (rows, report) = Read("00001 19970101 1 29.33\n00002 19970102 2 63.34 extra\n", Lenient, options);

        Assert.Single(rows);
        Assert.Equal(1, report.RowsRejected);
    }

    [Fact]
    public void InputExcerpt_InvalidBytesAndControls_Escaped() =>
        Assert.Equal("a\\xFF\\x00\\\\b", InputExcerpt.Of([(byte)'a', 0xFF, 0, (byte)'\\', (byte)'b']));
}
