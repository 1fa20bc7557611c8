using System.Text;

namespace Loyalty.Core.Collection;

/// <summary>
/// Reads transaction rows from a file without allocating per row: maps the header, parses and validates each
/// field, rejects bad rows with file, line and column (or stops at the first when no rejections are allowed),
/// drops repeated order ids and, under <see cref="ReturnPolicy.Reject"/>, refuses negative amounts. Both the
/// streaming <see cref="TransactionFileSource"/> and the fast RFM path are built on it.
/// </summary>
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

    internal TransactionRowReader(Stream stream, string source, TransactionFileOptions options, CleaningPolicy policy)
    {
        options.Validate();
        policy.Validate();
        _options = options;
        _policy = policy;
        Source = source;
        _parsers = new FieldParsers(options.DateFormats);
        _records = new Utf8RecordReader(stream, options.Delimiter, options.Format == TransactionFileFormat.Cdnow);
        _orderIdLookup = _orderIds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    internal string Source { get; }

    internal long RowsRead { get; private set; }

    internal long RowsRejected { get; private set; }

    internal long DuplicateOrderIds { get; private set; }

    /// <summary>The customer id of the current row, as UTF-8.</summary>
    internal ReadOnlySpan<byte> CustomerId => _records.Field(_customerField);

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
    internal bool Read()
    {
        while (true)
        {
            if (!_records.Read())
            {
                return FinishOrThrowIfEmpty();
            }

            if (Accept())
            {
                return true;
            }
        }
    }

    /// <summary>Advances to the next accepted row, awaiting the stream.</summary>
    internal async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await _records.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return FinishOrThrowIfEmpty();
            }

            if (Accept())
            {
                return true;
            }
        }
    }

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

    private bool FinishOrThrowIfEmpty()
    {
        if (!_started)
        {
            throw new TransactionFormatException(Source, 0, null, "the file is empty: no header and no rows.");
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
        if (_records.FieldCount < _requiredFields)
        {
            return Reject(null, $"{_records.FieldCount} fields where {_requiredFields} are expected.");
        }

        var customer = _records.Field(_customerField).Trim(" \t"u8);
        if (customer.IsEmpty)
        {
            return Reject(_columnNames[_customerField], "the customer id is empty.");
        }

        if (!_parsers.TryParseDate(_records.Field(_dateField), out long ticks))
        {
            return Reject(_columnNames[_dateField],
                $"cannot parse date '{_records.FieldString(_dateField)}' (expected {_parsers.ExpectedDateFormat}).");
        }

        decimal amount = 0m;
        if (_amountField >= 0 && !FieldParsers.TryParseAmount(_records.Field(_amountField), out amount))
        {
            return Reject(_columnNames[_amountField], $"cannot parse amount '{_records.FieldString(_amountField)}' (expected a number such as 12.50).");
        }

        if (amount < 0m && _policy.Returns == ReturnPolicy.Reject)
        {
            return Reject(_columnNames[_amountField],
                $"the amount {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} is negative; choose a return policy (drop, keep or net) to accept returns.");
        }

        if (_orderField >= 0 && IsRepeatedOrder(customer, _records.Field(_orderField).Trim(" \t"u8)))
        {
            DuplicateOrderIds++;
            return false;
        }

        Ticks = ticks;
        Amount = amount;
        return true;
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

    private bool Reject(string? column, string reason)
    {
        RowsRejected++;
        if (RowsRejected > _policy.MaxRejectedRows)
        {
            string hint = _policy.MaxRejectedRows == 0 ? string.Empty : $" (more than {_policy.MaxRejectedRows} rows rejected)";
            throw new TransactionFormatException(Source, _records.LineNumber, column, reason + hint);
        }

        if (_rejectedSamples.Count < _policy.RejectedSampleSize)
        {
            _rejectedSamples.Add(new RejectedRow(Source, _records.LineNumber, column, reason));
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

        _columnNames = new string[_records.FieldCount];
        for (int i = 0; i < _records.FieldCount; i++)
        {
            _columnNames[i] = _records.FieldString(i).Trim();
        }

        var missing = new List<string>();
        _customerField = Find(_options.CustomerColumn, missing);
        _dateField = Find(_options.DateColumn, missing);
        _amountField = _options.AmountColumn is null ? -1 : Find(_options.AmountColumn, missing);
        _orderField = _options.OrderIdColumn is null ? -1 : Find(_options.OrderIdColumn, missing);
        _itemsField = _options.ItemsColumn is null ? -1 : Find(_options.ItemsColumn, missing);
        if (missing.Count > 0)
        {
            throw new TransactionFormatException(Source, _records.LineNumber, missing[0],
                $"the header lacks column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}; " +
                $"it has {string.Join(", ", _columnNames.Select(c => $"'{c}'"))}.");
        }

        _requiredFields = new[] { _customerField, _dateField, _amountField, _orderField, _itemsField }.Max() + 1;
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
                $"{fields} fields; a CDNOW file has 4 (master: id, date, quantity, amount) or 5 (sample: master id, sample id, date, quantity, amount).");
        }

        _requiredFields = _columnNames.Length;
        return header;
    }

    public void Dispose() => _records.Dispose();
}
