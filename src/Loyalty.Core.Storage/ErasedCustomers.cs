namespace Loyalty.Core.Storage;

/// <summary>The tombstones of one ingest: which stored customers were erased, and when. A row of an erased customer
/// dated up to the erasure is skipped and counted (<see cref="IngestResult.Erased"/>); a later row is a new
/// relationship and is stored.</summary>
/// <remarks>The tombstone of each customer met is computed once (an HMAC per distinct customer, not per row); with
/// no tombstones in the store nothing is computed at all.</remarks>
internal sealed class ErasedCustomers(IReadOnlyDictionary<string, long> erasedAt, CustomerPseudonymizer pseudonymizer, byte[] salt)
{
    private const int MaxCachedCustomers = 1 << 20;
    private readonly Dictionary<string, long> _byStoredId = new(StringComparer.Ordinal);

    /// <summary>True when the store erased <paramref name="storedId"/> at or after <paramref name="ticks"/>.</summary>
    internal bool Covers(string storedId, long ticks)
    {
        if (erasedAt.Count == 0)
        {
            return false;
        }

        if (!_byStoredId.TryGetValue(storedId, out long erased))
        {
            if (_byStoredId.Count >= MaxCachedCustomers)
            {
                _byStoredId.Clear();
            }

            erased = erasedAt.TryGetValue(pseudonymizer.Tombstone(storedId, salt), out long at) ? at : long.MinValue;
            _byStoredId[storedId] = erased;
        }

        return ticks <= erased;
    }
}
