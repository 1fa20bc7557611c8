using Loyalty.Core.Validation;

namespace Loyalty.Core.Collection;

/// <summary>The layout of a transaction file.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum TransactionFileFormat
{
    /// <summary>Delimited text with a header row; columns found by name.</summary>
    Csv = 0,

    /// <summary>The whitespace-separated CDNOW files: <c>CDNOW_master.txt</c> (a header; customer id, date
    /// yyyyMMdd, quantity, amount) or <c>CDNOW_sample.txt</c> (no header; master id, sample id, date, quantity,
    /// amount — the sample id is used as the customer id, as in the published summaries). Detected per file.</summary>
    Cdnow = 1,
}

/// <summary>How to read a transaction file: format, column names, date formats.</summary>
/// <remarks>Numbers are always read culture-invariantly ('.' as the decimal separator, no thousands separators).
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed record TransactionFileOptions
{
    /// <summary>The file layout. <value>The default value is <see cref="TransactionFileFormat.Csv"/>.</value></summary>
    public TransactionFileFormat Format { get; init; } = TransactionFileFormat.Csv;

    /// <summary>Header of the customer id column (case-insensitive). <value>The default value is "customer_id".</value></summary>
    public string CustomerColumn { get; init; } = "customer_id";

    /// <summary>Header of the date column. <value>The default value is "date".</value></summary>
    public string DateColumn { get; init; } = "date";

    /// <summary>Header of the amount column; null when the log has no amounts (every purchase then counts 0).
    /// <value>The default value is "amount".</value></summary>
    public string? AmountColumn { get; init; } = "amount";

    /// <summary>Header of the order id column, used to drop duplicate orders; null for none.
    /// <value>The default value is null.</value></summary>
    public string? OrderIdColumn { get; init; }

    /// <summary>Header of a column listing item ids separated by <see cref="ItemSeparator"/>; null for none.
    /// <value>The default value is null.</value></summary>
    public string? ItemsColumn { get; init; }

    /// <summary>Separator of item ids inside <see cref="ItemsColumn"/>. <value>The default value is '|'.</value></summary>
    public char ItemSeparator { get; init; } = '|';

    /// <summary>Field delimiter of <see cref="TransactionFileFormat.Csv"/> files. <value>The default value is ','.</value></summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Accepted date formats (.NET custom format strings, invariant culture). Null or empty accepts ISO 8601:
    /// <c>yyyy-MM-dd</c>, optionally followed by a time (<c>T</c> or a space, <c>HH:mm[:ss[.fffffff]]</c>, an offset
    /// or Z, which are ignored: the local clock time is kept), and <c>yyyyMMdd</c>.
    /// <value>The default value is null (ISO 8601).</value></summary>
    public IReadOnlyList<string>? DateFormats { get; init; }

    /// <summary>A name for the source in messages; the file name when null. <value>The default value is null.</value></summary>
    public string? SourceName { get; init; }

    /// <summary>Checks the options; every problem is reported in one exception.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid; the message lists them all, each named as
    /// <c>TransactionFileOptions.Property</c>.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(TransactionFileOptions));
        Collect(v);
        v.ThrowIfInvalid();
    }

    /// <summary>Adds every problem of the options to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v)
    {
        if (v.Defined(nameof(Format), Format) && Format == TransactionFileFormat.Csv)
        {
            v.NotBlank(nameof(CustomerColumn), CustomerColumn);
            v.NotBlank(nameof(DateColumn), DateColumn);
            v.Require(Delimiter is not ('"' or '\r' or '\n') && Delimiter <= 127, nameof(Delimiter),
                $"must be an ASCII character other than a quote or a line break (was '{Delimiter}')");
            var columns = new (string Property, string? Name)[]
            {
                (nameof(CustomerColumn), CustomerColumn), (nameof(DateColumn), DateColumn), (nameof(AmountColumn), AmountColumn),
                (nameof(OrderIdColumn), OrderIdColumn), (nameof(ItemsColumn), ItemsColumn),
            };
            var repeated = columns.Where(c => !string.IsNullOrWhiteSpace(c.Name))
                .GroupBy(c => c.Name!.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1);
            foreach (var group in repeated)
            {
                v.Require(false, group.Last().Property, $"must name a column of its own (column '{group.Key}' is mapped to {string.Join(" and ", group.Select(c => c.Property))})");
            }
        }

        foreach (var format in DateFormats ?? [])
        {
            v.Require(!string.IsNullOrWhiteSpace(format), nameof(DateFormats), "must not contain an empty format string");
        }
    }
}
