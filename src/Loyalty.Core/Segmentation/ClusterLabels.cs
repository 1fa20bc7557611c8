using System.Collections;

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
        var sizes = new int[k];
        if (k <= byte.MaxValue + 1)
        {
            var bytes = GC.AllocateUninitializedArray<byte>(labels.Length);
            for (int i = 0; i < labels.Length; i++)
            {
                sizes[Checked(labels, i, k)]++;
                bytes[i] = (byte)labels[i];
            }

            return new ClusterLabels(bytes, null, null, sizes);
        }

        if (k <= ushort.MaxValue + 1)
        {
            var shorts = GC.AllocateUninitializedArray<ushort>(labels.Length);
            for (int i = 0; i < labels.Length; i++)
            {
                sizes[Checked(labels, i, k)]++;
                shorts[i] = (ushort)labels[i];
            }

            return new ClusterLabels(null, shorts, null, sizes);
        }

        var ints = labels.ToArray();
        for (int i = 0; i < ints.Length; i++)
        {
            sizes[Checked(labels, i, k)]++;
        }

        return new ClusterLabels(null, null, ints, sizes);
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

    private static int Checked(ReadOnlySpan<int> labels, int row, int k) =>
        (uint)labels[row] < (uint)k
            ? labels[row]
            : throw new ArgumentOutOfRangeException(nameof(labels), $"Row {row} has label {labels[row]}; expected 0..{k - 1}.");
}
