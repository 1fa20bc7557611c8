using System.Numerics.Tensors;

namespace Loyalty.Core.Segmentation;

/// <summary>Per-chunk centroid sums, weights and label-change counts, reduced in chunk order so the totals are
/// bitwise the same whichever thread filled which chunk.</summary>
internal sealed class ChunkPartials
{
    private readonly double[] _sums;
    private readonly double[] _counts;
    private readonly int[] _changed;
    private readonly int _sumLength;
    private readonly int _k;

    internal ChunkPartials(int chunks, int k, int dimensions)
    {
        _k = k;
        _sumLength = k * dimensions;
        _sums = new double[chunks * _sumLength];
        _counts = new double[chunks * k];
        _changed = new int[chunks];
    }

    /// <summary>The cleared sum block of <paramref name="chunk"/> (k × d).</summary>
    internal Span<double> ClearedSums(int chunk)
    {
        Span<double> sums = _sums.AsSpan(chunk * _sumLength, _sumLength);
        sums.Clear();
        return sums;
    }

    /// <summary>The cleared weight block of <paramref name="chunk"/> (k).</summary>
    internal Span<double> ClearedCounts(int chunk)
    {
        Span<double> counts = _counts.AsSpan(chunk * _k, _k);
        counts.Clear();
        return counts;
    }

    /// <summary>Records how many labels changed in <paramref name="chunk"/>.</summary>
    internal void SetChanged(int chunk, int changed) => _changed[chunk] = changed;

    /// <summary>Adds the chunks up in chunk order.</summary>
    /// <returns>The total number of changed labels.</returns>
    internal int Reduce(Span<double> sums, Span<double> counts)
    {
        sums.Clear();
        counts.Clear();
        int changed = 0;
        for (int chunk = 0; chunk < _changed.Length; chunk++)
        {
            TensorPrimitives.Add(sums, _sums.AsSpan(chunk * _sumLength, _sumLength), sums);
            TensorPrimitives.Add(counts, _counts.AsSpan(chunk * _k, _k), counts);
            changed += _changed[chunk];
        }

        return changed;
    }
}
