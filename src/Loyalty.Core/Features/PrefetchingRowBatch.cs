namespace Loyalty.Core.Features;

/// <summary>
/// Feeds rows to an <see cref="RfmBuilder"/> in small batches: the customer id of each row is hashed and its index
/// slot prefetched as the row arrives, and the rows are added once the batch is full, by which time most slots are
/// in cache. This overlaps the cache misses of a large customer index instead of paying them one after another.
/// </summary>
internal sealed class PrefetchingRowBatch(RfmBuilder builder)
{
    private const int Size = 32;
    private const int MaxIdBytes = 64;
    private readonly byte[] _ids = new byte[Size * MaxIdBytes];
    private readonly int[] _lengths = new int[Size];
    private readonly ulong[] _hashes = new ulong[Size];
    private readonly long[] _ticks = new long[Size];
    private readonly double[] _amounts = new double[Size];
    private int _count;

    internal void Add(ReadOnlySpan<byte> customerId, long ticks, double amount)
    {
        if (customerId.Length > MaxIdBytes)
        {
            builder.AddUtf8(customerId, ticks, amount);
            return;
        }

        ulong hash = builder.HashCustomer(customerId);
        builder.PrefetchCustomer(hash);
        customerId.CopyTo(_ids.AsSpan(_count * MaxIdBytes));
        _lengths[_count] = customerId.Length;
        _hashes[_count] = hash;
        _ticks[_count] = ticks;
        _amounts[_count] = amount;
        if (++_count == Size)
        {
            Flush();
        }
    }

    internal void Flush()
    {
        for (int i = 0; i < _count; i++)
        {
            builder.AddHashed(_ids.AsSpan(i * MaxIdBytes, _lengths[i]), _hashes[i], _ticks[i], _amounts[i]);
        }

        _count = 0;
    }
}
