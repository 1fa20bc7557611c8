using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Segmentation;

/// <summary>Centroid sums and weights of each fixed row chunk, kept across Lloyd iterations and updated by the rows
/// that moved: a moved row's w·x leaves its old cluster's partial and joins the new one's. Late iterations, where a
/// few hundred of a million labels move, then cost little more than the assignment, where adding every row again
/// cost a third of the iteration. A chunk where more than an eighth of the labels moved is summed afresh instead,
/// which is cheaper then and clears the rounding the updates leave.</summary>
/// <remarks>The partials depend on the sequence of label changes, not only on the final labels, so they agree with
/// a fresh sum to double rounding (about 1e-16 relative per update) rather than bitwise. They are still
/// deterministic: each chunk is updated by one thread in row order and chunks are added in chunk order, so any
/// thread count gives bitwise the same sums, and Lloyd and Hamerly (same label sequence) stay bitwise equal.
/// Emptiness is exact: members are counted as integers, and a chunk's partial for a cluster it no longer holds is
/// reset to exactly zero. The chunk sums come from the shared array pool and go back on <see cref="Dispose"/>:
/// first-touching fresh memory costs about 3.5 ms per MB on this kind of virtual machine, which a service fitting
/// again would otherwise pay on every fit.</remarks>
internal sealed class PartialSumCache : IDisposable
{
    // A chunk is summed afresh when more than 1/FreshFraction of its labels moved.
    private const int FreshFraction = 8;

    private readonly KMeansData _data;
    private readonly int _k;
    private readonly int _sumLength;
    private readonly double[] _chunkSums;
    private readonly double[] _chunkCounts;
    private readonly int[] _chunkMembers;
    private readonly bool[] _chunkValid;
    private readonly int[] _changed;

    internal PartialSumCache(KMeansData data, int k)
    {
        _data = data;
        _k = k;
        _sumLength = k * data.Columns;
        int chunks = data.Plan.Count;
        _chunkSums = ArrayPool<double>.Shared.Rent((long)chunks * _sumLength <= Array.MaxLength ? chunks * _sumLength : throw TooLarge());
        _chunkCounts = new double[chunks * k];
        _chunkMembers = new int[chunks * k];
        _chunkValid = new bool[chunks];
        _changed = new int[chunks];
    }

    /// <summary>Runs one assignment pass: <paramref name="assign"/> writes the nearest centroid of rows
    /// [start, start + nearest.Length) into nearest; labels and the chunk partials are updated. Then the chunk
    /// partials are added into <paramref name="sums"/> and <paramref name="counts"/> in chunk order.</summary>
    /// <returns>How many labels changed.</returns>
    internal int Pass(NearestAssigner assign, int[] labels, Span<double> sums, Span<double> counts, CancellationToken cancellationToken)
    {
        var plan = _data.Plan;
        plan.ForEach(chunk => _changed[chunk] = PassChunk(chunk, assign, labels), cancellationToken);
        sums.Clear();
        counts.Clear();
        int changed = 0;
        for (int chunk = 0; chunk < plan.Count; chunk++)
        {
            AddInto(sums, _chunkSums.AsSpan(chunk * _sumLength, _sumLength));
            AddInto(counts, _chunkCounts.AsSpan(chunk * _k, _k));
            changed += _changed[chunk];
        }

        return changed;
    }

    // Fully optimised from the first call: a fit runs only tens of passes, too few to wait for tiered compilation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int PassChunk(int chunk, NearestAssigner assign, int[] labels)
    {
        int chunkStart = ChunkPlan.Start(chunk);
        int length = _data.Plan.Length(chunk);

        // The whole chunk is assigned in one uninterrupted stream over its rows (which then sit in L2 for the sums).
        Span<int> nearest = stackalloc int[length];
        assign(chunkStart, nearest);
        Span<int> chunkLabels = labels.AsSpan(chunkStart, length);
        int changed = CountChanged(nearest, chunkLabels);
        if (!_chunkValid[chunk] || changed * FreshFraction > length)
        {
            AssignmentKernel.RecordLabels(nearest, chunkLabels);
            SumAfresh(chunk, chunkLabels);
            _chunkValid[chunk] = true;
        }
        else if (changed > 0)
        {
            MoveChangedRows(chunk, nearest, chunkLabels);
        }

        return changed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SumAfresh(int chunk, ReadOnlySpan<int> chunkLabels)
    {
        int d = _data.Columns;
        int chunkStart = ChunkPlan.Start(chunk);
        Span<double> chunkSums = _chunkSums.AsSpan(chunk * _sumLength, _sumLength);
        Span<double> chunkCounts = _chunkCounts.AsSpan(chunk * _k, _k);
        Span<int> members = _chunkMembers.AsSpan(chunk * _k, _k);
        chunkSums.Clear();
        chunkCounts.Clear();
        ReadOnlySpan<float> weights = _data.ChunkWeights(chunk);
        AssignmentKernel.AccumulateRows(
            _data.Points.Span.Slice(chunkStart * d, chunkLabels.Length * d), weights, chunkLabels, chunkSums, chunkCounts, d);
        if (weights.IsEmpty)
        {
            // Unit weights: the counts are the member counts, exactly.
            for (int c = 0; c < _k; c++)
            {
                members[c] = (int)chunkCounts[c];
            }
        }
        else
        {
            members.Clear();
            foreach (int label in chunkLabels)
            {
                members[label]++;
            }
        }
    }

    // Each moved row leaves its old cluster and joins its new one, in row order; labels are updated as it goes.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MoveChangedRows(int chunk, ReadOnlySpan<int> nearest, Span<int> chunkLabels)
    {
        int d = _data.Columns;
        int i = 0;
        int vectorEnd = VectorDispatch.Is512 ? nearest.Length - (nearest.Length % Vector512<int>.Count) : 0;
        ref int nearestRef = ref MemoryMarshal.GetReference(nearest);
        ref int labelRef = ref MemoryMarshal.GetReference(chunkLabels);
        for (; i < vectorEnd; i += Vector512<int>.Count)
        {
            var moved = ~Vector512.Equals(
                Vector512.LoadUnsafe(ref nearestRef, (nuint)i), Vector512.LoadUnsafe(ref labelRef, (nuint)i));
            ulong bits = moved.ExtractMostSignificantBits();
            while (bits != 0)
            {
                int row = i + BitOperations.TrailingZeroCount(bits);
                Move(chunk, row, nearest, chunkLabels);
                bits &= bits - 1;
            }
        }

        for (; i < nearest.Length; i++)
        {
            if (nearest[i] != chunkLabels[i])
            {
                Move(chunk, i, nearest, chunkLabels);
            }
        }

        // A cluster this chunk no longer holds gets exactly zero, not the rounding its departures left behind.
        Span<double> chunkSums = _chunkSums.AsSpan(chunk * _sumLength, _sumLength);
        Span<double> chunkCounts = _chunkCounts.AsSpan(chunk * _k, _k);
        Span<int> members = _chunkMembers.AsSpan(chunk * _k, _k);
        for (int c = 0; c < _k; c++)
        {
            if (members[c] == 0 && chunkCounts[c] != 0)
            {
                chunkCounts[c] = 0;
                chunkSums.Slice(c * d, d).Clear();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Move(int chunk, int row, ReadOnlySpan<int> nearest, Span<int> chunkLabels)
    {
        int d = _data.Columns;
        int chunkStart = ChunkPlan.Start(chunk);
        int from = chunkLabels[row];
        int to = nearest[row];
        if ((uint)to >= (uint)_k)
        {
            throw new ArgumentOutOfRangeException(nameof(nearest), $"Row {chunkStart + row} has label {to}; expected 0..{_k - 1}.");
        }

        ReadOnlySpan<float> weights = _data.ChunkWeights(chunk);
        double w = weights.IsEmpty ? 1.0 : weights[row];
        ReadOnlySpan<float> x = _data.Points.Span.Slice((chunkStart + row) * d, d);
        AssignmentKernel.AddScaledRow(x, -w, _chunkSums.AsSpan((chunk * _sumLength) + (from * d), d));
        AssignmentKernel.AddScaledRow(x, w, _chunkSums.AsSpan((chunk * _sumLength) + (to * d), d));
        _chunkCounts[(chunk * _k) + from] -= w;
        _chunkCounts[(chunk * _k) + to] += w;
        _chunkMembers[(chunk * _k) + from]--;
        _chunkMembers[(chunk * _k) + to]++;
        chunkLabels[row] = to;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountChanged(ReadOnlySpan<int> nearest, ReadOnlySpan<int> labels)
    {
        int changed = 0;
        int i = 0;
        if (VectorDispatch.Is512)
        {
            ref int nearestRef = ref MemoryMarshal.GetReference(nearest);
            ref int labelRef = ref MemoryMarshal.GetReference(labels);
            for (; i + Vector512<int>.Count <= nearest.Length; i += Vector512<int>.Count)
            {
                var same = Vector512.Equals(
                    Vector512.LoadUnsafe(ref nearestRef, (nuint)i), Vector512.LoadUnsafe(ref labelRef, (nuint)i));
                changed += Vector512<int>.Count - BitOperations.PopCount(same.ExtractMostSignificantBits());
            }
        }

        for (; i < nearest.Length; i++)
        {
            changed += nearest[i] == labels[i] ? 0 : 1;
        }

        return changed;
    }

    /// <summary>Returns the chunk sums to the pool; the cache must not be used afterwards.</summary>
    public void Dispose() => ArrayPool<double>.Shared.Return(_chunkSums);

    private static void AddInto(Span<double> total, ReadOnlySpan<double> part) =>
        System.Numerics.Tensors.TensorPrimitives.Add(total, part, total);

    private static InvalidOperationException TooLarge() =>
        new("The k-means partial sums would exceed the largest array; reduce K or the number of rows.");
}

/// <summary>Writes the nearest centroid of rows [start, start + nearest.Length) into <paramref name="nearest"/>.</summary>
internal delegate void NearestAssigner(int start, Span<int> nearest);
