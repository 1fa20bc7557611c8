using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Collection;
using Microsoft.FSharp.Core;

namespace Loyalty.Core.Tests.Collection;

/// <summary>
/// The transaction readers are total: whatever the bytes, reading either ends with rows that obey the input rules or
/// stops with a <see cref="TransactionFormatException"/> whose one-line message names the file and line, is bounded
/// and carries no control character. The generators lean on what breaks readers: long runs of blank and
/// white-space lines, quotes, invalid UTF-8, control characters, huge fields, stray separators, byte-order marks,
/// mixed line endings, numbers such as "+-5", "1,234.50" and 7.9e24, dates such as 9999-12-31.
/// </summary>
public sealed class TransactionReaderPropertyTests
{
    /// <summary>Longest message allowed: the file name, a column, and a few bounded excerpts.</summary>
    private const int MaxMessageLength = 800;

    private const int Tests = 10_000;

    private static readonly Config Seeded = Config.QuickThrowOnFailure.WithMaxTest(Tests)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261204UL), FSharpOption<int>.None)));

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Repeat(string text, int times) => B(string.Concat(Enumerable.Repeat(text, times)));

    private static readonly byte[][] Ids =
    [
        B("a"), B("b"), B("c1"), B("00001"), B("é"), B("\"quoted id\""), B("\"dq\"\"x\""), B(""), B("  "), B("\u00A0"),
        B("\u202Eevil"), B("\u001B[31mred"), B("\u0000"), [(byte)'a', 0xFF], [(byte)'a', 0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80],
        B("\"un"), B(new string('i', 300)),
    ];

    private static readonly byte[][] Dates =
    [
        B("2020-01-01"), B("1997-01-01"), B("19970101"), B("2020-01-01T10:00:00Z"), B("2020-01-01 10:00"), B("9999-12-31"),
        B("99991231"), B("0001-01-01"), B("1899-12-31"), B("2200-01-01"), B("2199-12-31T23:59:59"), B("2020-02-30"),
        B("2020-13-01"), B(""), B("\"2020-01-01\""), B("2020-01-01+05:00"), [0x32, 0x30, 0xFF],
    ];

    private static readonly byte[][] Amounts =
    [
        B("5"), B("12.50"), B("-3"), B("+5"), B("+-5"), B("-+5"), B("--5"), B("1,234.50"), B("\"1,234.50\""), B("7.9e24"),
        B("7.9E+24"), B("79228162514264337593543950335"), B("79228162514264337593543950336"), B("1e999"), B(".5"), B("5."),
        B("."), B("NaN"), B("Infinity"), B("0x10"), B("1e12"), B("1000000000001"), B("-0"), B("1 000"), B(""), B("1e-30"),
        B("\"5\""), B("5\u001B"), [0x35, 0xFF],
    ];

    private static readonly byte[][] Noise =
    [
        B("\""), B("\"\""), B("\uFEFF"), [0xEF, 0xBB], [0xC0, 0x80], [0xFF], [0xED, 0xA0, 0x80], B("\u001B"), B("\u0000"), B("\u0007"),
        B("\r"), B("\n"), B("\r\n"), B(","), B(";"), B("\t"), B(" "), B("\n\n\n"), B(" \n \n"), B("\r\n\r\n"), B("\u2028"),
        Repeat(" \n", 50), Repeat("\n", 50), Repeat("\r\n", 50), Repeat(" \t \r\n", 50), Repeat("\"", 7),
    ];

    /// <summary>Rare giants: deep runs of blank lines (the old reader recursed once per line) and huge fields.</summary>
    private static readonly byte[][] Giants =
    [
        Repeat(" \n", 200_000), Repeat("   \t \r\n", 100_000), Repeat("\n", 200_000), Repeat("x", 200_000), Repeat("9", 100_000),
        B("\"" + new string('y', 100_000)),
    ];

    private static Gen<byte[]> Piece(byte[][] pool) => Gen.Elements(pool);

    private static Gen<byte[]> Separator(bool cdnow) => cdnow
        ? Gen.Frequency((12, Gen.Constant(B(" "))), (3, Gen.Constant(B("   "))), (2, Gen.Constant(B("\t"))), (1, Gen.Constant(B(",")))
            , (1, Gen.Constant(B(""))))
        : Gen.Frequency((20, Gen.Constant(B(","))), (1, Gen.Constant(B(";"))), (1, Gen.Constant(B("\t"))), (1, Gen.Constant(B(",,"))), (1, Gen.Constant(B(""))));

    private static Gen<byte[]> LineEnd() =>
        Gen.Frequency((12, Gen.Constant(B("\n"))), (4, Gen.Constant(B("\r\n"))), (1, Gen.Constant(B("\r"))), (1, Gen.Constant(B(""))));

    /// <summary>A row that is usually well formed, with nasty values mixed into its fields.</summary>
    private static Gen<byte[]> Row(bool cdnow)
    {
        var goodId = Gen.Elements(B("a"), B("b"), B("c1"), B("00001"), B("2"));
        var goodDate = cdnow ? Gen.Elements(B("19970101"), B("19970315")) : Gen.Elements(B("2020-01-01"), B("2021-06-30"));
        var goodAmount = Gen.Elements(B("5"), B("12.50"), B("0.99"));
        var id = Gen.Frequency((4, goodId), (1, Piece(Ids)));
        var date = Gen.Frequency((4, goodDate), (1, Piece(Dates)));
        var amount = Gen.Frequency((4, goodAmount), (1, Piece(Amounts)));
        var fields = cdnow
            ? from i in id from d in date from q in Gen.Elements(B("1"), B("2")) from a in amount
              select new[] { i, d, q, a }
            : from i in id from d in date from a in amount select new[] { i, d, a };
        return from f in fields
               from seps in Separator(cdnow).ArrayOf(f.Length)
               from end in LineEnd()
               from lead in Gen.Frequency((8, Gen.Constant(Array.Empty<byte>())), (1, Gen.Constant(B("  "))))
               select Concat([lead, .. f.Zip(seps, (field, sep) => (byte[][])[field, sep]).SelectMany(p => p).SkipLast(1), end]);
    }

    private static Gen<byte[]> Header(bool cdnow) => cdnow
        ? Gen.Frequency((3, Gen.Constant(Array.Empty<byte>())), (1, Gen.Constant(B("customer_id date number_of_cds dollar_value\n"))),
            (1, Gen.Constant(B("\uFEFF"))))
        : Gen.Frequency(
            (12, Gen.Constant(B("customer_id,date,amount\n"))),
            (2, Gen.Constant(B("\uFEFFcustomer_id,date,amount\r\n"))),
            (1, Gen.Constant(B("customer_id,date,amount,date\n"))),
            (1, Gen.Constant(B("Customer_ID,date,amount,customer_id\n"))),
            (1, Gen.Constant(B("customer_id;date;amount\n"))),
            (1, Gen.Constant(B("customer_id,date\n"))),
            (1, Gen.Constant(B("\"customer_id\",\"da\"\"te\",amount\n"))),
            (1, Gen.Constant(B("customer_id,date,amount,\n"))),
            (1, Gen.Constant(new byte[] { (byte)'c', 0xFF, (byte)',', (byte)'d', (byte)'\n' })),
            (1, Gen.Constant(Array.Empty<byte>())));

    private static Gen<byte[]> File(bool cdnow)
    {
        var rare = Gen.Frequency((60, Gen.Constant(Array.Empty<byte>())), (1, Piece(Giants)));
        return from header in Header(cdnow)
               from count in Gen.Choose(0, 30)
               from items in Gen.Frequency((16, Row(cdnow)), (4, Piece(Noise))).ArrayOf(count)
               from giant in rare
               from at in Gen.Choose(0, count)
               select Concat([header, .. items.Take(at), giant, .. items.Skip(at)]);
    }

    private static byte[] Concat(IEnumerable<byte[]> parts)
    {
        var all = new List<byte>();
        foreach (var part in parts)
        {
            all.AddRange(part);
        }

        return [.. all];
    }

    private static readonly Gen<CleaningPolicy> Policies =
        from max in Gen.Elements(0L, 3L, long.MaxValue)
        from returns in Gen.Elements(ReturnPolicy.Reject, ReturnPolicy.Keep)
        select new CleaningPolicy { MaxRejectedRows = max, Returns = returns, RejectedSampleSize = 5 };

    [Fact]
    public void Read_AnyCsvBytes_RowsObeyTheRulesOrOneBoundedEscapedError() =>
        Check.One(Seeded, Prop.ForAll(File(cdnow: false).ToArbitrary(), Policies.ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(),
            (bytes, policy, mode) => ReadsCleanly(bytes, new TransactionFileOptions { SourceName = "gen.csv" }, policy, mode)));

    [Fact]
    public void Read_AnyCdnowBytes_RowsObeyTheRulesOrOneBoundedEscapedError() =>
        Check.One(Seeded, Prop.ForAll(File(cdnow: true).ToArbitrary(), Policies.ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(),
            (bytes, policy, mode) => ReadsCleanly(bytes, new TransactionFileOptions { Format = TransactionFileFormat.Cdnow, SourceName = "gen.txt" }, policy, mode)));

    /// <summary>Ids that differ only in invalid bytes: each such row is rejected, so no two rows with different bytes
    /// become one customer (the old reader decoded both to U+FFFD and merged them).</summary>
    [Fact]
    public void Read_IdsDifferingOnlyInInvalidBytes_NeverMerged()
    {
        var invalid = Gen.Elements<byte[]>([0xFF], [0xFE], [0xC0, 0x80], [0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]);
        var ids = from prefix in Gen.Elements("a", "cust", "é")
                  from tails in invalid.ArrayOf().Select(t => t.DistinctBy(Convert.ToHexString).ToArray())
                  select tails.Select(t => (byte[])[.. B(prefix), .. t]).Append(B(prefix)).ToArray();
        Check.One(Seeded, Prop.ForAll(ids.ToArbitrary(), rawIds =>
        {
            var file = Concat(rawIds.Select(id => (byte[])[.. id, .. B(",2020-01-01,1\n")]).Prepend(B("customer_id,date,amount\n")));
            var source = new TransactionFileSource(() => new MemoryStream(file), new TransactionFileOptions { SourceName = "ids.csv" },
                new CleaningPolicy { MaxRejectedRows = long.MaxValue });
            var customers = source.ReadAsync().ToBlockingEnumerable().Select(t => t.CustomerId).ToList();
            return customers.Count == customers.Distinct().Count() && customers.Count == 1 && source.LastReport!.RowsRejected == rawIds.Length - 1;
        }));
    }

    private static bool ReadsCleanly(byte[] bytes, TransactionFileOptions options, CleaningPolicy policy, int mode)
    {
        // Modes: 0 sync, 1 async, 2 and 3 a few bytes per read (records split across reads) for small files.
        int chunk = mode >= 2 && bytes.Length < 4096 ? mode + 1 : int.MaxValue;
        var source = new TransactionFileSource(() => new TrickleStream(bytes, chunk), options, policy);
        try
        {
            using var rows = source.OpenRows();
            while (mode == 1 ? rows.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() : rows.Read())
            {
                var row = rows.ToTransaction();
                var day = row.Timestamp.Date;
                bool obeys = !row.CustomerId.Value.Contains('\uFFFD', StringComparison.Ordinal)
                    && !string.IsNullOrWhiteSpace(row.CustomerId.Value)
                    && day >= policy.EarliestDate && day <= policy.LatestDate
                    && Math.Abs(row.Amount) <= policy.MaxAbsoluteAmount
                    && (policy.Returns != ReturnPolicy.Reject || row.Amount >= 0m);
                if (!obeys)
                {
                    return false;
                }
            }

            var report = rows.Report();
            return report.RowsRejected <= policy.MaxRejectedRows && report.RejectedSamples.All(r => IsPrintable(r.Reason, 600));
        }
        catch (TransactionFormatException e)
        {
            return e.Message.StartsWith(options.SourceName + ": line ", StringComparison.Ordinal) && e.Line >= 0
                && IsPrintable(e.Message, MaxMessageLength);
        }
    }

    private static bool IsPrintable(string text, int maxLength) =>
        text.Length <= maxLength && !text.Any(c => char.IsControl(c) || c is '\uFFFD' or '\u202E' or '\u2028');

    /// <summary>Hands out at most <c>chunk</c> bytes per read, synchronously and asynchronously.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
