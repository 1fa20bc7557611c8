using System.Text;
using Loyalty.Core.Collection;

namespace Loyalty.Core.Tests.Collection;

public sealed class TransactionFileSourceTests
{
    private static TransactionFileSource FromText(string text, TransactionFileOptions? options = null, CleaningPolicy? policy = null) =>
        new(() => new MemoryStream(Encoding.UTF8.GetBytes(text)), (options ?? new TransactionFileOptions()) with { SourceName = "log.csv" }, policy);

    private static async Task<List<Transaction>> ReadAll(TransactionFileSource source)
    {
        var list = new List<Transaction>();
        await foreach (var t in source.ReadAsync())
        {
            list.Add(t);
        }

        return list;
    }

    [Fact]
    public async Task ReadAsync_EmptyFile_ThrowsNamingTheFile()
    {
        var ex = await Assert.ThrowsAsync<TransactionFormatException>(() => ReadAll(FromText("")));
        Assert.Equal("log.csv", ex.Source);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_HeaderMissingColumn_ThrowsNamingTheColumn()
    {
        var ex = await Assert.ThrowsAsync<TransactionFormatException>(() => ReadAll(FromText("customer_id,when,amount\na,2024-01-01,1\n")));
        Assert.Equal("date", ex.Column);
        Assert.Equal(1, ex.Line);
        Assert.Contains("'when'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UnparsableDateAtLine3_ThrowsNamingLineAndColumn()
    {
        var ex = await Assert.ThrowsAsync<TransactionFormatException>(() =>
            ReadAll(FromText("customer_id,date,amount\na,2024-01-01,1\nb,2024-13-01,2\n")));
        Assert.Equal(3, ex.Line);
        Assert.Equal("date", ex.Column);
        Assert.Contains("2024-13-01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NegativeAmountUnderRejectPolicy_ThrowsNamingLineAndColumn()
    {
        var ex = await Assert.ThrowsAsync<TransactionFormatException>(() =>
            ReadAll(FromText("customer_id,date,amount\na,2024-01-01,-5.00\n")));
        Assert.Equal(2, ex.Line);
        Assert.Equal("amount", ex.Column);
        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BadRowsWithinAllowance_AreReportedWithLineAndReason()
    {
        var source = FromText("customer_id,date,amount\na,2024-01-01,1\nb,yesterday,2\nc,2024-01-02,x\nd,2024-01-03,3\n",
            policy: new CleaningPolicy { MaxRejectedRows = 5 });
        var rows = await ReadAll(source);

        Assert.Equal(["a", "d"], rows.Select(r => r.CustomerId.Value));
        var report = source.LastReport!;
        Assert.Equal(4, report.RowsRead);
        Assert.Equal(2, report.RowsRejected);
        Assert.Equal([3L, 4L], report.RejectedSamples.Select(r => r.Line));
        Assert.Equal(["date", "amount"], report.RejectedSamples.Select(r => r.Column));
    }

    [Fact]
    public async Task ReadAsync_RepeatedOrderId_DroppedAndCounted()
    {
        var source = FromText("order,customer_id,date,amount\no1,a,2024-01-01,1\no1,a,2024-01-01,1\no2,a,2024-01-01,1\n",
            new TransactionFileOptions { OrderIdColumn = "order" });
        var rows = await ReadAll(source);

        Assert.Equal(2, rows.Count);
        Assert.Equal(1, source.LastReport!.DuplicateOrderIds);
        Assert.Equal("o2", rows[1].OrderId);
    }

    [Fact]
    public async Task ReadAsync_QuotedFieldsWithDelimitersQuotesAndLineBreaks_AreUnescaped()
    {
        var source = FromText("customer_id,date,amount,items\r\n\"a,\"\"1\"\"\",2024-01-01T10:30:00Z,\"12.50\",\"x|y\r\nz\"\r\nb,20240102,3,w\r\n",
            new TransactionFileOptions { ItemsColumn = "items" });
        var rows = await ReadAll(source);

        Assert.Equal(2, rows.Count);
        Assert.Equal("a,\"1\"", rows[0].CustomerId.Value);
        Assert.Equal(new DateTime(2024, 1, 1, 10, 30, 0), rows[0].Timestamp);
        Assert.Equal(12.50m, rows[0].Amount);
        Assert.Equal(["x", "y\r\nz"], rows[0].ItemIds!);
        Assert.Equal(new DateTime(2024, 1, 2), rows[1].Timestamp);
    }

    [Fact]
    public async Task ReadAsync_CustomDateFormatAndDelimiter_Parsed()
    {
        var source = FromText("cust;day;eur\nk;31/12/2023;7.25\n", new TransactionFileOptions
        {
            CustomerColumn = "cust",
            DateColumn = "day",
            AmountColumn = "eur",
            Delimiter = ';',
            DateFormats = ["dd/MM/yyyy"],
        });
        var row = Assert.Single(await ReadAll(source));
        Assert.Equal(new DateTime(2023, 12, 31), row.Timestamp);
        Assert.Equal(7.25m, row.Amount);
    }

    [Fact]
    public async Task ReadAsync_RowLongerThanTheBuffer_IsReadWhole()
    {
        string longId = new('q', 3 << 20);
        var row = Assert.Single(await ReadAll(FromText($"customer_id,date,amount\n{longId},2024-01-01,1")));
        Assert.Equal(longId.Length, row.CustomerId.Value.Length);
    }

    [Fact]
    public async Task ReadAsync_CdnowMasterWithHeader_UsesCustomerIdColumn()
    {
        var source = FromText(" customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  5   77.00\r\n",
            new TransactionFileOptions { Format = TransactionFileFormat.Cdnow });
        var rows = await ReadAll(source);

        Assert.Equal(["00001", "00002"], rows.Select(r => r.CustomerId.Value));
        Assert.Equal(77.00m, rows[1].Amount);
        Assert.Equal(new DateTime(1997, 1, 12), rows[1].Timestamp);
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => FromText("", new TransactionFileOptions { CustomerColumn = "", DateColumn = " ", Delimiter = '"' }));
        Assert.Contains("CustomerColumn", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DateColumn", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Delimiter", ex.Message, StringComparison.Ordinal);
    }
}
