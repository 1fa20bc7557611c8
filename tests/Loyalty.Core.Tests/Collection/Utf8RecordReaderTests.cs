using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Collection;

namespace Loyalty.Core.Tests.Collection;

public sealed class Utf8RecordReaderTests
{
    private static List<string[]> Parse(string text, int chunk = int.MaxValue)
    {
        using var reader = new Utf8RecordReader(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk));
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.FieldString).ToArray());
        }

        return rows;
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    [Fact]
    public void Read_AnyFieldsWrittenAsCsv_RoundTripWhateverTheReadSize()
    {
        var field = Gen.Elements("a", "b", ",", "\"", "\r\n", "\n", " ", "é", "").ListOf().Select(parts => string.Concat(parts));
        var row = field.ArrayOf().Where(r => r.Length > 0 && !(r.Length == 1 && r[0].Length == 0));
        var table = row.NonEmptyListOf().Select(rows => rows.ToArray());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(table.ToArbitrary(), Gen.Choose(1, 7).ToArbitrary(), (rows, chunk) =>
        {
            string text = string.Join("\n", rows.Select(r => string.Join(",", r.Select(Quote))));
            var parsed = Parse(text, chunk);
            return parsed.Count == rows.Length && parsed.Zip(rows).All(p => p.First.SequenceEqual(p.Second));
        }));
    }

    [Fact]
    public void Read_WhitespaceDelimitedManyBlankLines_SkipsThemWithoutRecursion()
    {
        // A CDNOW-style file whose records are separated by a million lines of spaces: each used to recurse once,
        // which ended the process with a stack overflow (exit 134) instead of reading the two records.
        var text = new StringBuilder("00001 19970101 1 29.33\n");
        for (int i = 0; i < 1_000_000; i++)
        {
            text.Append("   \t \n");
        }

        text.Append("00002 19970102 2 63.34\n");
        using var reader = new Utf8RecordReader(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), whitespaceDelimited: true);

        Assert.True(reader.Read());
        Assert.Equal("00001", reader.FieldString(0));
        Assert.True(reader.Read());
        Assert.Equal("00002", reader.FieldString(0));
        Assert.Equal(1_000_002, reader.LineNumber);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Read_LineNumbers_CountBlankLinesAndBreaksInsideQuotes()
    {
        using var reader = new Utf8RecordReader(new MemoryStream(Encoding.UTF8.GetBytes("h\n\n\"x\ny\"\nz\n")));
        var lines = new List<long>();
        while (reader.Read())
        {
            lines.Add(reader.LineNumber);
        }

        Assert.Equal([1L, 3L, 5L], lines);
    }

    [Fact]
    public void Read_UnclosedQuote_ThrowsNamingTheLine()
    {
        var ex = Assert.Throws<RecordFormatException>(() => Parse("a,b\n\"c,d\n"));
        Assert.Contains("Line 2", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Recoverable);
    }

    [Theory]
    [InlineData("a,b\"c,d\nx,y\n", 1, 2)]
    [InlineData("a,\"b\"c,d\nx,y\n", 1, 2)]
    [InlineData("h1,h2\n\"open,d\nx,y\n", 2, 1)]
    public void Read_QuoteError_SkipsTheBadLineAndReadsOn(string text, int badLine, int field)
    {
        using var reader = new Utf8RecordReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var lines = new List<long>();
        string? lastFirstField = null;
        RecordFormatException? error = null;
        while (true)
        {
            try
            {
                if (!reader.Read())
                {
                    break;
                }

                lines.Add(reader.LineNumber);
                lastFirstField = reader.FieldString(0);
            }
            catch (RecordFormatException e)
            {
                error = e;
            }
        }

        Assert.NotNull(error);
        Assert.Equal(badLine, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Equal(badLine + 1, lines[^1]);
        Assert.Equal("x", lastFirstField);
    }

    [Fact]
    public void Read_ManyLinesEachOpeningAQuote_OneErrorPerPairOfLines()
    {
        // Each line opens a quote, which the next line's quote closes; the text after it is the error. Each error
        // skips both lines, so the scan never goes back over them.
        var text = new StringBuilder();
        for (int i = 0; i < 50_000; i++)
        {
            text.Append("\"x,1\n");
        }

        using var reader = new Utf8RecordReader(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())));
        int errors = 0;
        while (true)
        {
            try
            {
                if (!reader.Read())
                {
                    break;
                }
            }
            catch (RecordFormatException)
            {
                errors++;
            }
        }

        Assert.Equal(25_000, errors);
    }

    [Fact]
    public void Read_RecordOverTheSizeLimit_ThrowsAFatalError()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n" + new string('x', 5000) + "\n");
        using var reader = new Utf8RecordReader(new MemoryStream(bytes), maxRecordBytes: 1024);

        Assert.True(reader.Read());
        var ex = Assert.Throws<RecordFormatException>(() => reader.Read());
        Assert.False(ex.Recoverable);
        Assert.Equal(2, ex.Line);
        Assert.True(ex.Message.Length < 400, ex.Message);
    }

    [Fact]
    public void Read_ByteOrderMark_IsSkipped() =>
        Assert.Equal("id", Parse("\uFEFFid,x\n")[0][0]);

    /// <summary>Hands out at most <c>chunk</c> bytes per read, to exercise records split across reads.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
