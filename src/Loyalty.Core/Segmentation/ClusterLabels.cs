using System.Collections;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Segmentation;

/// <summary>The cluster of each training row, kept in the narrowest unsigned type that holds k: one byte per row up to
/// 256 clusters, two up to 65,536, four beyond. A fitted model keeps its labels for its lifetime, so a million RFM
/// customers cost 1 MB instead of 4 — and on virtual machines where first-touching memory is slow (≈ 3.5 ms per MB
/// on ours) the fit itself gets faster, because the working labels come from a pool and only this copy is new.</summary>
internal sealed class ClusterLabels : IReadOnlyList<int>
{
    private readonly byte[]? _bytes;
    private readonly ushort[]? _shorts;
    private readonly int[]? _ints;

    private ClusterLabels(byte[]? bytes, ushort[]? shorts, int[]? ints, int[] sizes)
    {
        _bytes = bytes;
        _shorts = shorts;
        _ints = ints;
        Count = bytes?.Length ?? shorts?.Length ?? ints!.Length;
        Sizes = sizes;
    }

    /// <summary>Rows per cluster.</summary>
    internal int[] Sizes { get; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public int this[int index] => _bytes is not null ? _bytes[index] : _shorts is not null ? _shorts[index] : _ints![index];

    /// <summary>Copies <paramref name="labels"/>, each in [0, <paramref name="k"/>), and counts the rows per cluster.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label outside [0, k), naming its row.</exception>
    internal static ClusterLabels From(ReadOnlySpan<int> labels, int k)
    {
        EnsureInRange(labels, k);
        int[] sizes = CountSizes(labels, k);
        if (k <= byte.MaxValue + 1)
        {
            var bytes = GC.AllocateUninitializedArray<byte>(labels.Length);
            NarrowToBytes(labels, bytes);
            return new ClusterLabels(bytes, null, null, sizes);
        }

        if (k <= ushort.MaxValue + 1)
        {
            var shorts = GC.AllocateUninitializedArray<ushort>(labels.Length);
            for (int i = 0; i < labels.Length; i++)
            {
                shorts[i] = (ushort)labels[i];
            }

            return new ClusterLabels(null, shorts, null, sizes);
        }

        return new ClusterLabels(null, null, labels.ToArray(), sizes);
    }

    /// <inheritdoc />
    public IEnumerator<int> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void EnsureInRange(ReadOnlySpan<int> labels, int k)
    {
        int i = 0;
        if (VectorDispatch.Is512)
        {
            var limit = Vector512.Create((uint)k);
            for (; i + Vector512<uint>.Count <= labels.Length; i += Vector512<uint>.Count)
            {
                if (Vector512.GreaterThanOrEqualAny(Vector512.Create(labels.Slice(i, Vector512<uint>.Count)).AsUInt32(), limit))
                {
                    break;
                }
            }
        }

        for (; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)k)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Row {i} has label {labels[i]}; expected 0..{k - 1}.");
            }
        }
    }

    // Four interleaved histograms: consecutive rows of one cluster would otherwise wait on each other's increment.
    private static int[] CountSizes(ReadOnlySpan<int> labels, int k)
    {
        var counts = new int[4 * k];
        int i = 0;
        for (; i + 4 <= labels.Length; i += 4)
        {
            counts[labels[i]]++;
            counts[k + labels[i + 1]]++;
            counts[(2 * k) + labels[i + 2]]++;
            counts[(3 * k) + labels[i + 3]]++;
        }

        for (; i < labels.Length; i++)
        {
            counts[labels[i]]++;
        }

        var sizes = new int[k];
        for (int c = 0; c < k; c++)
        {
            sizes[c] = counts[c] + counts[k + c] + counts[(2 * k) + c] + counts[(3 * k) + c];
        }

        return sizes;
    }

    // Labels below 256 narrow exactly: int → ushort → byte, sixty-four at a time.
    private static void NarrowToBytes(ReadOnlySpan<int> labels, Span<byte> bytes)
    {
        int i = 0;
        if (VectorDispatch.Is512)
        {
            ReadOnlySpan<uint> source = MemoryMarshal.Cast<int, uint>(labels);
            for (; i + Vector512<byte>.Count <= labels.Length; i += Vector512<byte>.Count)
            {
                var low = Vector512.Narrow(Vector512.Create(source.Slice(i, 16)), Vector512.Create(source.Slice(i + 16, 16)));
                var high = Vector512.Narrow(Vector512.Create(source.Slice(i + 32, 16)), Vector512.Create(source.Slice(i + 48, 16)));
                Vector512.Narrow(low, high).CopyTo(bytes.Slice(i));
            }
        }

        for (; i < labels.Length; i++)
        {
            bytes[i] = (byte)labels[i];
        }
    }
}
