using System.Text;
using Loyalty.Core.Collection;

namespace Loyalty.Core.Features;

/// <summary>
/// Accumulates transactions in any order and builds RFM summaries in the lifetimes convention: purchases of a
/// customer on the same calendar day merge into one; frequency x = purchase days − 1; recency t_x = first to last
/// purchase day; T = first purchase day to the calibration end; monetary value = mean amount of the repeat days.
/// </summary>
/// <remarks>
/// Memory is about 20 bytes per transaction plus the customer ids, independent of the input order. The builder is
/// not thread-safe; build one per shard and merge <see cref="RfmPartials"/> to scale out.
/// </remarks>
public sealed class RfmBuilder
{
    private readonly RfmOptions _options;
    private readonly Utf8KeyIndex _customers = new();
    private readonly TransactionColumns _purchases = new();
    private readonly TransactionColumns _returns = new();
    private byte[] _utf8 = new byte[128];
    private long _maxPurchaseTicks = long.MinValue;
    private long _returnsSeen;
    private long _returnsDropped;

    /// <summary>Creates a builder.</summary>
    /// <param name="options">Window, time unit and cleaning rules.</param>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    public RfmBuilder(RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Transactions added so far (returns included).</summary>
    public long Count => _purchases.Count + _returnsSeen;

    /// <summary>Adds one transaction.</summary>
    /// <exception cref="ArgumentException">The customer id is missing, or the amount is negative under
    /// <see cref="ReturnPolicy.Reject"/>.</exception>
    public void Add(in Transaction transaction)
    {
        if (transaction.CustomerId.Value is null)
        {
            throw new ArgumentException("The transaction has no customer id.", nameof(transaction));
        }

        if (transaction.Amount < 0m && _options.Cleaning.Returns == ReturnPolicy.Reject)
        {
            throw new ArgumentException(
                $"Transaction of customer '{transaction.CustomerId}' on {transaction.Timestamp:yyyy-MM-dd} has a negative amount " +
                $"({transaction.Amount}); choose a return policy (drop, keep or net) to accept returns.",
                nameof(transaction));
        }

        string id = transaction.CustomerId.Value;
        int length = Encoding.UTF8.GetMaxByteCount(id.Length);
        if (_utf8.Length < length)
        {
            _utf8 = new byte[length * 2];
        }

        int written = Encoding.UTF8.GetBytes(id, _utf8);
        AddUtf8(_utf8.AsSpan(0, written), transaction.Timestamp.Ticks, (double)transaction.Amount);
    }

    /// <summary>Adds one transaction whose customer id is UTF-8 text: the allocation-free path for readers that hold
    /// the id as bytes (file parsers, database scans such as the SQLite store's).</summary>
    /// <param name="customerId">The customer id, UTF-8; compared byte for byte (ordinal).</param>
    /// <param name="ticks">The purchase time, <see cref="DateTime.Ticks"/>.</param>
    /// <param name="amount">The amount; negative for a return.</param>
    /// <exception cref="ArgumentException">The amount is NaN, or negative under <see cref="ReturnPolicy.Reject"/>.</exception>
    public void AddUtf8(ReadOnlySpan<byte> customerId, long ticks, double amount)
    {
        if (double.IsNaN(amount) || (amount < 0 && _options.Cleaning.Returns == ReturnPolicy.Reject))
        {
            throw new ArgumentException(
                $"The amount {amount} is NaN, or negative under the reject return policy; choose a return policy (drop, keep or net) to accept returns.",
                nameof(amount));
        }

        AddHashed(customerId, _customers.Hash(customerId), ticks, amount);
    }

    /// <summary>The hash <see cref="AddHashed"/> needs; batch callers compute it early and prefetch.</summary>
    internal ulong HashCustomer(ReadOnlySpan<byte> customerId) => _customers.Hash(customerId);

    /// <summary>Brings the customer's index slot into cache ahead of <see cref="AddHashed"/>.</summary>
    internal void PrefetchCustomer(ulong hash) => _customers.Prefetch(hash);

    /// <summary>Adds a row whose customer id hash was computed by <see cref="HashCustomer"/>.</summary>
    internal void AddHashed(ReadOnlySpan<byte> customerId, ulong hash, long ticks, double amount)
    {
        int customer = _customers.GetOrAdd(customerId, hash);
        if (amount < 0 && _options.Cleaning.Returns != ReturnPolicy.Keep)
        {
            _returnsSeen++;
            if (_options.Cleaning.Returns == ReturnPolicy.Net)
            {
                _returns.Add(customer, ticks, amount);
            }
            else
            {
                _returnsDropped++;
            }

            return;
        }

        if (amount < 0)
        {
            _returnsSeen++;
        }

        _purchases.Add(customer, ticks, amount);
        if (ticks > _maxPurchaseTicks)
        {
            _maxPurchaseTicks = ticks;
        }
    }

    /// <summary>Whether any purchase (a positive amount, after the return policy) was added.</summary>
    internal bool HasPurchases => _maxPurchaseTicks != long.MinValue;

    /// <summary>The window the summaries will describe: the calibration end defaults to the last purchase day.</summary>
    /// <exception cref="InvalidOperationException">No calibration end was given and there are no purchases.</exception>
    public SummaryWindow ResolveWindow()
    {
        DateTime calibrationEnd = _options.CalibrationEnd?.Date
            ?? (_maxPurchaseTicks == long.MinValue
                ? throw new InvalidOperationException("No purchases were added, so there is no last purchase day to end the calibration period; set CalibrationEnd.")
                : new DateTime(_maxPurchaseTicks).Date);
        return new SummaryWindow(calibrationEnd, _options.ObservationEnd?.Date, _options.TimeUnit);
    }

    /// <summary>Builds per-customer partials (mergeable across shards).</summary>
    public RfmPartials BuildPartials()
    {
        var window = ResolveWindow();
        var quality = new RfmReducer(window, _options.Cleaning.ContentDuplicates)
            .Reduce(_customers.KeysAsStrings(), _purchases, _returns, out var partials);
        quality = quality with
        {
            RowsRead = Count,
            Returns = _returnsSeen,
            ReturnsDropped = quality.ReturnsDropped + _returnsDropped,
        };
        return new RfmPartials(window, partials, quality);
    }

    /// <summary>Builds the summaries.</summary>
    /// <returns>Summaries of every customer with a calibration purchase, ordered by customer id, and the report.</returns>
    public RfmResult Build() => BuildPartials().ToResult();
}
