namespace Loyalty.Core.Features;

/// <summary>
/// Append-only columnar storage of (customer index, ticks, amount) rows in chunks, so that tens of
/// millions of rows never need one huge array copy while growing.
/// </summary>
internal sealed class TransactionColumns
{
    private const int FirstChunkSize = 1 << 10;
    private const int MaxChunkSize = 1 << 20;
    private readonly List<int[]> _customers = [];
    private readonly List<long[]> _ticks = [];
    private readonly List<double[]> _amounts = [];
    private int[] _lastCustomers = [];
    private long[] _lastTicks = [];
    private double[] _lastAmounts = [];
    private int _inLastChunk;

    internal long Count { get; private set; }

    internal void Add(int customer, long ticks, double amount)
    {
        if (_inLastChunk == _lastCustomers.Length)
        {
            // Chunks double up to 2^20 rows: small logs stay small, big ones never copy what they already hold.
            int size = _customers.Count == 0 ? FirstChunkSize : Math.Min(MaxChunkSize, _customers[^1].Length * 2);
            _customers.Add(_lastCustomers = new int[size]);
            _ticks.Add(_lastTicks = new long[size]);
            _amounts.Add(_lastAmounts = new double[size]);
            _inLastChunk = 0;
        }

        _lastCustomers[_inLastChunk] = customer;
        _lastTicks[_inLastChunk] = ticks;
        _lastAmounts[_inLastChunk] = amount;
        _inLastChunk++;
        Count++;
    }
    /// <summary>
    /// Groups the rows by customer with a counting sort (stable, O(n)): the rows of customer c are
    /// <c>[offsets[c], offsets[c + 1])</c> of the returned arrays, in insertion order.
    /// </summary>
    internal (int[] Offsets, long[] Ticks, double[] Amounts) GroupByCustomer(int customerCount)
    {
        var offsets = new int[customerCount + 1];
        ForEachChunk((customers, _, _, length) =>
        {
            for (int i = 0; i < length; i++)
            {
                offsets[customers[i] + 1]++;
            }
        });

        for (int c = 0; c < customerCount; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        var ticks = new long[Count];
        var amounts = new double[Count];
        var next = (int[])offsets.Clone();
        ForEachChunk((customers, chunkTicks, chunkAmounts, length) =>
        {
            for (int i = 0; i < length; i++)
            {
                int slot = next[customers[i]]++;
                ticks[slot] = chunkTicks[i];
                amounts[slot] = chunkAmounts[i];
            }
        });

        return (offsets, ticks, amounts);
    }

    private void ForEachChunk(Action<int[], long[], double[], int> action)
    {
        for (int chunk = 0; chunk < _customers.Count; chunk++)
        {
            int length = chunk == _customers.Count - 1 ? _inLastChunk : _customers[chunk].Length;
            action(_customers[chunk], _ticks[chunk], _amounts[chunk], length);
        }
    }
}
