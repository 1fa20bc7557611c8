namespace Loyalty.Core.Features;

/// <summary>
/// Append-only columnar storage of (customer index, ticks, amount) rows in fixed-size chunks, so that tens of
/// millions of rows never need one huge array copy while growing.
/// </summary>
internal sealed class TransactionColumns
{
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<int[]> _customers = [];
    private readonly List<long[]> _ticks = [];
    private readonly List<double[]> _amounts = [];

    internal long Count { get; private set; }

    internal void Add(int customer, long ticks, double amount)
    {
        int offset = (int)(Count & (ChunkSize - 1));
        if (offset == 0)
        {
            _customers.Add(new int[ChunkSize]);
            _ticks.Add(new long[ChunkSize]);
            _amounts.Add(new double[ChunkSize]);
        }

        int chunk = (int)(Count >> ChunkBits);
        _customers[chunk][offset] = customer;
        _ticks[chunk][offset] = ticks;
        _amounts[chunk][offset] = amount;
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
            int length = (int)Math.Min(ChunkSize, Count - ((long)chunk << ChunkBits));
            action(_customers[chunk], _ticks[chunk], _amounts[chunk], length);
        }
    }
}
