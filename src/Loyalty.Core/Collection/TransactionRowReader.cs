using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Loyalty.Core.Collection;

/// <summary>
/// Reads transaction rows from a file without allocating per row: maps the header, parses and validates each
/// field, rejects bad rows with file, line and column (or stops at the first when no rejections are allowed),
/// drops repeated order ids and, under <see cref="ReturnPolicy.Reject"/>, refuses negative amounts. Both the
/// streaming <see cref="TransactionFileSource"/> and the fast RFM path are built on it.
/// </summary>
/// <remarks>
/// The input rules (docs/cli.md, "Transaction files"): every field is valid UTF-8 — an invalid byte rejects the
/// row, never replaced, so two ids that differ only in invalid bytes cannot become one customer; a row has exactly
/// as many fields as the header (so an unquoted <c>1,234.50</c> is caught); header names are unique; amounts follow
/// <see cref="FieldParsers.TryParseAmount"/>; dates and amounts lie within the policy's plausible bounds; quote
/// errors are rejected rows. A file with a header and no data rows, or whose every data row was rejected, is an
/// error. Every message names the file and line, the column where there is one, and quotes input only through
/// <see cref="InputExcerpt"/>.
/// </remarks>
internal sealed class TransactionRowReader : IDisposable
{
    private readonly Utf8RecordReader _records;
    private readonly TransactionFileOptions _options;
    private readonly CleaningPolicy _policy;
    private readonly FieldParsers _parsers;
    private readonly List<RejectedRow> _rejectedSamples = [];
    private readonly HashSet<string> _orderIds = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _orderIdLookup;
    private char[] _chars = new char[256];
    private bool _started;
    private int _customerField = -1;
    private int _dateField = -1;
    private int _amountField = -1;
    private int _orderField = -1;
    private int _itemsField = -1;
    private int _requiredFields;
    private string[] _columnNames = [];
    private long _headerLine;
    private long _accepted;
    private RejectedRow? _firstRejection;
    private readonly long _earliestTicks;
    private readonly long _latestTicksExclusive;

    internal TransactionRowReader(Stream stream, string source, TransactionFileOptions options, CleaningPolicy policy)
    {
        options.Validate();
        policy.Validate();
        _options = options;
        _policy = policy;
        Source = source;
        _parsers = new FieldParsers(options.DateFormats);
        _records = new Utf8RecordReader(stream, options.Delimiter, options.Format == TransactionFileFormat.Cdnow);
        _earliestTicks = policy.EarliestDate.Date.Ticks;
        _latestTicksExclusive = policy.LatestDate.Date >= DateTime.MaxValue.Date ? long.MaxValue : policy.LatestDate.Date.AddDays(1).Ticks;
        _orderIdLookup = _orderIds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    internal string Source { get; }

    internal long RowsRead { get; private set; }

    internal long RowsRejected { get; private set; }

    internal long DuplicateOrderIds { get; private set; }

    /// <summary>The customer id of the current row, as UTF-8 without surrounding spaces and tabs.</summary>
    internal ReadOnlySpan<byte> CustomerId => _records.Field(_customerField).Trim(" \t"u8);

    /// <summary>The timestamp of the current row, in ticks.</summary>
    internal long Ticks { get; private set; }

    /// <summary>The amount of the current row (0 when the file has no amount column).</summary>
    internal decimal Amount { get; private set; }

    /// <summary>The order id of the current row; empty when there is none.</summary>
    internal ReadOnlySpan<byte> OrderId => _orderField < 0 ? default : _records.Field(_orderField);

    internal DataQualityReport Report() => new()
    {
        RowsRead = RowsRead,
        RowsRejected = RowsRejected,
        RejectedSamples = _rejectedSamples.ToArray(),
        DuplicateOrderIds = DuplicateOrderIds,
    };

    /// <summary>Advances to the next accepted row.</summary>
    /// <exception cref="TransactionFormatException">See <see cref="TransactionFileSource.ReadAsync"/>.</exception>
    internal bool Read()
    {
        while (true)
        {
            bool more;
            try
            {
                more = _records.Read();
            }
            catch (RecordFormatException e)
            {
                RejectOrThrow(e);
                continue;
            }

            if (!more)
            {
                return Finish();
            }

            if (Accept())
            {
                return true;
            }
        }
    }

    /// <summary>Advances to the next accepted row, awaiting the stream.</summary>
    /// <exception cref="TransactionFormatException">See <see cref="TransactionFileSource.ReadAsync"/>.</exception>
    internal async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await _records.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RecordFormatException e)
            {
                RejectOrThrow(e);
                continue;
            }

            if (!more)
            {
                return Finish();
            }

            if (Accept())
            {
                return true;
            }
        }
    }

    /// <summary>A record the splitter could not split: a rejected row when reading may go on and the header has been
    /// read, otherwise an error naming the file.</summary>
    private void RejectOrThrow(RecordFormatException e)
    {
        string? column = ColumnOf(e.Field);
        if (!e.Recoverable || !_started)
        {
            throw new TransactionFormatException(Source, e.Line, column, e.Problem);
        }

        RowsRead++;
        Reject(column, e.Problem, e.Line);
    }

    /// <summary>The name of 1-based field <paramref name="field"/>, or its position when the header has no such column.</summary>
    private string? ColumnOf(int field) =>
        field <= 0 ? null : field <= _columnNames.Length ? _columnNames[field - 1] : $"#{field}";

    /// <summary>The current row as a <see cref="Transaction"/> (allocates its strings).</summary>
    internal Transaction ToTransaction()
    {
        string customer = Encoding.UTF8.GetString(CustomerId);
        string? order = _orderField < 0 ? null : Encoding.UTF8.GetString(OrderId);
        IReadOnlyList<string>? items = null;
        if (_itemsField >= 0)
        {
            items = Encoding.UTF8.GetString(_records.Field(_itemsField))
                .Split(_options.ItemSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return new Transaction(new CustomerId(customer), new DateTime(Ticks), Amount, order, items);
    }

    /// <summary>The end of the file: a file that yields no row at all is an error, never an empty result.</summary>
    private bool Finish()
    {
        if (!_started)
        {
            throw new TransactionFormatException(Source, 0, null, "the file is empty: no header and no rows.");
        }

        if (_accepted == 0)
        {
            if (_firstRejection is { } first)
            {
                throw new TransactionFormatException(Source, first.Line, first.Column,
                    $"all {RowsRejected} data rows were rejected; the first: {first.Reason}");
            }

            throw new TransactionFormatException(Source, _headerLine, null, "the file has a header but no data rows.");
        }

        return false;
    }

    private bool Accept()
    {
        if (!_started)
        {
            _started = true;
            if (StartAndIsHeader())
            {
                return false;
            }
        }

        RowsRead++;
        if (_records.FieldCount != _requiredFields)
        {
            return Reject(null, FieldCountProblem());
        }

        for (int i = 0; i < _records.FieldCount; i++)
        {
            if (!Utf8.IsValid(_records.Field(i)))
            {
                return Reject(_columnNames[i], InvalidUtf8Problem(_records.Field(i)));
            }
        }

        var customer = _records.Field(_customerField).Trim(" \t"u8);
        if (customer.IsEmpty || (!char.IsAsciiLetterOrDigit((char)customer[0]) && IsWhiteSpace(customer)))
        {
            return Reject(_columnNames[_customerField], $"the customer id is empty or white space ('{Excerpt(_customerField)}').");
        }

        if (!_parsers.TryParseDate(_records.Field(_dateField), out long ticks))
        {
            return Reject(_columnNames[_dateField],
                $"cannot parse date '{Excerpt(_dateField)}' (expected {_parsers.ExpectedDateFormat}).");
        }

        if (ticks < _earliestTicks || ticks >= _latestTicksExclusive)
        {
            return Reject(_columnNames[_dateField],
                $"the date '{Excerpt(_dateField)}' is outside the plausible dates {CleaningPolicy.Day(_policy.EarliestDate)} to " +
                $"{CleaningPolicy.Day(_policy.LatestDate)} (CleaningPolicy.EarliestDate and LatestDate; --earliest-date and --latest-date in the CLI).");
        }

        decimal amount = 0m;
        if (_amountField >= 0)
        {
            if (!FieldParsers.TryParseAmount(_records.Field(_amountField), out amount))
            {
                return Reject(_columnNames[_amountField],
                    $"cannot parse amount '{Excerpt(_amountField)}' (expected a number such as 12.50 or -3: one sign at most, '.' as the decimal point, no thousands separators).");
            }

            if (Math.Abs(amount) > _policy.MaxAbsoluteAmount)
            {
                return Reject(_columnNames[_amountField],
                    $"the amount '{Excerpt(_amountField)}' is above the plausible amount {_policy.MaxAbsoluteAmount.ToString(CultureInfo.InvariantCulture)} " +
                    "(CleaningPolicy.MaxAbsoluteAmount; --max-amount in the CLI).");
            }
        }

        if (amount < 0m && _policy.Returns == ReturnPolicy.Reject)
        {
            return Reject(_columnNames[_amountField],
                $"the amount {amount.ToString(CultureInfo.InvariantCulture)} is negative; choose a return policy (drop, keep or net) to accept returns.");
        }

        if (_orderField >= 0 && IsRepeatedOrder(customer, _records.Field(_orderField).Trim(" \t"u8)))
        {
            DuplicateOrderIds++;
            return false;
        }

        Ticks = ticks;
        Amount = amount;
        _accepted++;
        return true;
    }

    /// <summary>Unicode white space only (no-break spaces, vertical tabs...): not an id, though not empty.</summary>
    private bool IsWhiteSpace(ReadOnlySpan<byte> utf8)
    {
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[utf8.Length * 2];
        }

        int written = Encoding.UTF8.GetChars(utf8, _chars);
        return _chars.AsSpan(0, written).IsWhiteSpace();
    }

    private string Excerpt(int field) => InputExcerpt.Of(_records.Field(field));

    private string FieldCountProblem()
    {
        string problem = $"{_records.FieldCount} fields where the {(_options.Format == TransactionFileFormat.Cdnow ? "file's first row" : "header")} has {_requiredFields}";
        if (_records.FieldCount > _requiredFields && _options.Format == TransactionFileFormat.Csv)
        {
            problem += $"; a number written with a thousands separator (1,234.50) splits into two fields: write 1234.50 or quote the field";
        }

        var excerpt = new StringBuilder();
        for (int i = 0; i < _records.FieldCount && excerpt.Length < InputExcerpt.DefaultLength; i++)
        {
            excerpt.Append(i == 0 ? string.Empty : "|").Append(InputExcerpt.Of(_records.Field(i), InputExcerpt.DefaultLength / 4));
        }

        return $"{problem} (fields: '{InputExcerpt.Of(excerpt.ToString())}').";
    }

    /// <summary>Where the first invalid byte is, with an escaped excerpt; ids are never decoded with replacement
    /// characters, which would merge ids that differ only in their invalid bytes.</summary>
    private static string InvalidUtf8Problem(ReadOnlySpan<byte> field)
    {
        int at = 0;
        while (at < field.Length && System.Text.Rune.DecodeFromUtf8(field[at..], out _, out int consumed) == System.Buffers.OperationStatus.Done)
        {
            at += consumed;
        }

        return $"invalid UTF-8 at byte {at + 1} of the field ('{InputExcerpt.Of(field)}'); the file must be UTF-8 — convert it (e.g. iconv -f latin1 -t utf-8) first.";
    }

    /// <summary>True when this customer's order id was seen before. The customer is part of the key: two customers
    /// whose orders share an id (two shops' numbering, a reused id) are two orders, never one.</summary>
    private bool IsRepeatedOrder(ReadOnlySpan<byte> customer, ReadOnlySpan<byte> orderId)
    {
        if (orderId.IsEmpty)
        {
            return false;
        }

        // Customer, then U+0000 (which a customer field cannot hold unnoticed), then the order id.
        int needed = Encoding.UTF8.GetMaxCharCount(customer.Length + orderId.Length) + 1;
        if (_chars.Length < needed)
        {
            _chars = new char[needed * 2];
        }

        int written = Encoding.UTF8.GetChars(customer, _chars);
        _chars[written++] = '\0';
        written += Encoding.UTF8.GetChars(orderId, _chars.AsSpan(written));
        return !_orderIdLookup.Add(_chars.AsSpan(0, written));
    }

    private bool Reject(string? column, string reason) => Reject(column, reason, _records.LineNumber);

    private bool Reject(string? column, string reason, long line)
    {
        RowsRejected++;
        if (RowsRejected > _policy.MaxRejectedRows)
        {
            string hint = _policy.MaxRejectedRows == 0 ? string.Empty : $" (more than {_policy.MaxRejectedRows} rows rejected)";
            throw new TransactionFormatException(Source, line, column, reason + hint);
        }

        var row = new RejectedRow(Source, line, column, reason);
        _firstRejection ??= row;
        if (_rejectedSamples.Count < _policy.RejectedSampleSize)
        {
            _rejectedSamples.Add(row);
        }

        return false;
    }

    /// <summary>Maps the columns from the first record; returns true when that record is a header.</summary>
    private bool StartAndIsHeader()
    {
        if (_options.Format == TransactionFileFormat.Cdnow)
        {
            return StartCdnow();
        }

        _headerLine = _records.LineNumber;
        _columnNames = new string[_records.FieldCount];
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < _records.FieldCount; i++)
        {
            if (!Utf8.IsValid(_records.Field(i)))
            {
                throw new TransactionFormatException(Source, _records.LineNumber, $"#{i + 1}", "header: " + InvalidUtf8Problem(_records.Field(i)));
            }

            _columnNames[i] = _records.FieldString(i).Trim();
            if (!seen.TryAdd(_columnNames[i], i))
            {
                throw new TransactionFormatException(Source, _records.LineNumber, _columnNames[i],
                    $"the header names column '{InputExcerpt.Of(_columnNames[i])}' twice (fields {seen[_columnNames[i]] + 1} and {i + 1}); header names must be unique (case-insensitive).");
            }
        }

        var missing = new List<string>();
        _customerField = Find(_options.CustomerColumn, missing);
        _dateField = Find(_options.DateColumn, missing);
        _amountField = _options.AmountColumn is null ? -1 : Find(_options.AmountColumn, missing);
        _orderField = _options.OrderIdColumn is null ? -1 : Find(_options.OrderIdColumn, missing);
        _itemsField = _options.ItemsColumn is null ? -1 : Find(_options.ItemsColumn, missing);
        if (missing.Count > 0)
        {
            string has = string.Join(", ", _columnNames.Select(c => $"'{InputExcerpt.Of(c, 40)}'"));
            throw new TransactionFormatException(Source, _records.LineNumber, missing[0],
                $"the header lacks column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}; " +
                $"it has {InputExcerpt.Of(has, 4 * InputExcerpt.DefaultLength)}.");
        }

        // Every row must have exactly the header's fields: an extra field is how an unquoted 1,234.50 shows.
        _requiredFields = _columnNames.Length;
        return true;
    }

    private int Find(string name, List<string> missing)
    {
        int index = Array.FindIndex(_columnNames, c => string.Equals(c, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            missing.Add(name);
        }

        return index;
    }

    private bool StartCdnow()
    {
        _headerLine = _records.LineNumber;
        bool header = _records.Field(0).ContainsAnyExceptInRange((byte)'0', (byte)'9');
        int fields = _records.FieldCount;
        if (header || fields == 4)
        {
            // CDNOW_master.txt: customer_id date number_of_cds dollar_value
            _columnNames = ["customer_id", "date", "number_of_cds", "dollar_value"];
            (_customerField, _dateField, _amountField) = (0, 1, 3);
        }
        else if (fields == 5)
        {
            // CDNOW_sample.txt: master id, sample id, date, number of CDs, dollar value; the sample id is the customer.
            _columnNames = ["master_id", "customer_id", "date", "number_of_cds", "dollar_value"];
            (_customerField, _dateField, _amountField) = (1, 2, 4);
        }
        else
        {
            throw new TransactionFormatException(Source, _records.LineNumber, null,
                $"{fields} fields ('{InputExcerpt.Of(_records.Field(0))}'…); a CDNOW file has 4 (master: id, date, quantity, amount) or 5 (sample: master id, sample id, date, quantity, amount).");
        }

        _requiredFields = _columnNames.Length;
        return header;
    }

    public void Dispose() => _records.Dispose();
}
