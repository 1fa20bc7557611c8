namespace Loyalty.Core.Recommendation;

/// <summary>(user, item) index pairs packed in a long, with a comparer that mixes the bits: the default long hash
/// XORs the halves, which maps small user and item indexes onto a few thousand buckets.</summary>
internal sealed class PairKey : IEqualityComparer<long>
{
    internal static PairKey Comparer { get; } = new();

    internal static long Pack(int user, int item) => ((long)user << 32) | (uint)item;

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long obj)
    {
        ulong h = (ulong)obj * 0x9E3779B97F4A7C15UL; // Fibonacci hashing
        return (int)(h >> 32) ^ (int)h;
    }
}
