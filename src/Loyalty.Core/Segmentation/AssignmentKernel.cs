using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Loyalty.Core.Segmentation;

/// <summary>The fused Lloyd pass: for a block of points, ‖c‖² − 2x·c against every centroid in vector registers,
/// the argmin, and the weighted centroid sums, all while the rows are in cache.
/// Every lane accumulates x·c with fused multiply-adds in feature order, exactly as
/// <see cref="AssignmentKernelScalar"/> does, so labels and distances equal the scalar reference bitwise; ties go
/// to the lowest centroid index.</summary>
internal static class AssignmentKernel
{
    // Eight independent accumulator chains hide the four-cycle FMA latency on two FMA ports.
    private const int BlockRows = 8;

    /// <summary>Assigns each row to its nearest centroid and adds w·x to <paramref name="sums"/> (k × d) and w to
    /// <paramref name="counts"/>. <paramref name="labels"/> holds the previous labels on entry.</summary>
    /// <returns>How many labels changed.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int AssignAndAccumulate(
        ReadOnlySpan<float> points, ReadOnlySpan<float> weights, CentroidPanel panel,
        Span<int> labels, Span<double> sums, Span<double> counts)
    {
        int d = panel.Dimensions;
        int rows = labels.Length;
        Span<int> block = stackalloc int[BlockRows];
        int changed = 0;
        int i = 0;
        for (; i + BlockRows <= rows; i += BlockRows)
        {
            NearestBlock(points.Slice(i * d, BlockRows * d), panel, block);
            for (int p = 0; p < BlockRows; p++)
            {
                changed += Record(points.Slice((i + p) * d, d), weights, i + p, block[p], labels, sums, counts);
            }
        }

        for (; i < rows; i++)
        {
            ReadOnlySpan<float> row = points.Slice(i * d, d);
            changed += Record(row, weights, i, Nearest(row, panel), labels, sums, counts);
        }

        return changed;
    }

    /// <summary>The label of one row (same arithmetic as the blocked path).</summary>
    internal static int Nearest(ReadOnlySpan<float> row, CentroidPanel panel)
    {
        Span<float> distances = panel.PaddedK <= 1024 ? stackalloc float[panel.PaddedK] : new float[panel.PaddedK];
        ExpandedDistances(row, panel, distances);
        int best = 0;
        for (int c = 1; c < panel.K; c++)
        {
            if (distances[c] < distances[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>‖c‖² − 2x·c for every centroid (padding lanes included, they are +∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ExpandedDistances(ReadOnlySpan<float> row, CentroidPanel panel, Span<float> distances)
    {
        int d = panel.Dimensions;
        int padded = panel.PaddedK;
        ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel.Transposed);
        ref float normRef = ref MemoryMarshal.GetArrayDataReference(panel.Norms);
        ref float x = ref MemoryMarshal.GetReference(row);
        ref float outRef = ref MemoryMarshal.GetReference(distances);
        if (panel.LaneWidth == Vector512<float>.Count)
        {
            for (int t = 0; t < padded; t += Vector512<float>.Count)
            {
                var acc = Vector512<float>.Zero;
                for (int j = 0; j < d; j++)
                {
                    acc = Vector512.FusedMultiplyAdd(
                        Vector512.Create(Unsafe.Add(ref x, j)), Vector512.LoadUnsafe(ref panelRef, (nuint)(j * padded + t)), acc);
                }

                Vector512.FusedMultiplyAdd(Vector512.Create(-2f), acc, Vector512.LoadUnsafe(ref normRef, (nuint)t))
                    .StoreUnsafe(ref outRef, (nuint)t);
            }
        }
        else if (panel.LaneWidth == Vector256<float>.Count)
        {
            for (int t = 0; t < padded; t += Vector256<float>.Count)
            {
                var acc = Vector256<float>.Zero;
                for (int j = 0; j < d; j++)
                {
                    acc = Vector256.FusedMultiplyAdd(
                        Vector256.Create(Unsafe.Add(ref x, j)), Vector256.LoadUnsafe(ref panelRef, (nuint)(j * padded + t)), acc);
                }

                Vector256.FusedMultiplyAdd(Vector256.Create(-2f), acc, Vector256.LoadUnsafe(ref normRef, (nuint)t))
                    .StoreUnsafe(ref outRef, (nuint)t);
            }
        }
        else
        {
            AssignmentKernelScalar.ExpandedDistances(row, panel, distances);
        }
    }

    private static void NearestBlock(ReadOnlySpan<float> rows, CentroidPanel panel, Span<int> labels)
    {
        if (panel.LaneWidth == Vector512<float>.Count)
        {
            NearestBlock512(rows, panel, labels);
        }
        else if (panel.LaneWidth == Vector256<float>.Count)
        {
            NearestBlock256(rows, panel, labels);
        }
        else
        {
            for (int p = 0; p < BlockRows; p++)
            {
                labels[p] = Nearest(rows.Slice(p * panel.Dimensions, panel.Dimensions), panel);
            }
        }
    }

    /// <summary>Eight rows at once: each panel load feeds eight fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NearestBlock512(ReadOnlySpan<float> rows, CentroidPanel panel, Span<int> labels)
    {
        int d = panel.Dimensions;
        int padded = panel.PaddedK;
        ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel.Transposed);
        ref float normRef = ref MemoryMarshal.GetArrayDataReference(panel.Norms);
        ref float x0 = ref MemoryMarshal.GetReference(rows);
        var minus2 = Vector512.Create(-2f);
        var lane = Vector512<int>.Indices;
        nint d1 = d, d2 = 2 * d1, d3 = 3 * d1, d4 = 4 * d1, d5 = 5 * d1, d6 = 6 * d1, d7 = 7 * d1;
        Vector512<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        Vector512<int> i0 = lane, i1 = lane, i2 = lane, i3 = lane, i4 = lane, i5 = lane, i6 = lane, i7 = lane;
        for (int t = 0; t < padded; t += Vector512<float>.Count)
        {
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            ref float column = ref Unsafe.Add(ref panelRef, t);
            ref float x = ref x0;
            for (int j = 0; j < d; j++)
            {
                var c = Vector512.LoadUnsafe(ref column);
                a0 = Vector512.FusedMultiplyAdd(Vector512.Create(x), c, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, d1)), c, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, d2)), c, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, d3)), c, a3);
                a4 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, d4)), c, a4);
                a5 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, d5)), c, a5);
                a6 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, d6)), c, a6);
                a7 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, d7)), c, a7);
                column = ref Unsafe.Add(ref column, padded);
                x = ref Unsafe.Add(ref x, 1);
            }

            var norms = Vector512.LoadUnsafe(ref normRef, (nuint)t);
            a0 = Vector512.FusedMultiplyAdd(minus2, a0, norms);
            a1 = Vector512.FusedMultiplyAdd(minus2, a1, norms);
            a2 = Vector512.FusedMultiplyAdd(minus2, a2, norms);
            a3 = Vector512.FusedMultiplyAdd(minus2, a3, norms);
            a4 = Vector512.FusedMultiplyAdd(minus2, a4, norms);
            a5 = Vector512.FusedMultiplyAdd(minus2, a5, norms);
            a6 = Vector512.FusedMultiplyAdd(minus2, a6, norms);
            a7 = Vector512.FusedMultiplyAdd(minus2, a7, norms);
            if (t == 0)
            {
                (b0, b1, b2, b3, b4, b5, b6, b7) = (a0, a1, a2, a3, a4, a5, a6, a7);
            }
            else
            {
                var index = lane + Vector512.Create(t);
                KeepSmaller512(a0, index, ref b0, ref i0);
                KeepSmaller512(a1, index, ref b1, ref i1);
                KeepSmaller512(a2, index, ref b2, ref i2);
                KeepSmaller512(a3, index, ref b3, ref i3);
                KeepSmaller512(a4, index, ref b4, ref i4);
                KeepSmaller512(a5, index, ref b5, ref i5);
                KeepSmaller512(a6, index, ref b6, ref i6);
                KeepSmaller512(a7, index, ref b7, ref i7);
            }
        }

        bool singleTile = padded == Vector512<float>.Count;
        labels[0] = ArgMin512(b0, i0, singleTile);
        labels[1] = ArgMin512(b1, i1, singleTile);
        labels[2] = ArgMin512(b2, i2, singleTile);
        labels[3] = ArgMin512(b3, i3, singleTile);
        labels[4] = ArgMin512(b4, i4, singleTile);
        labels[5] = ArgMin512(b5, i5, singleTile);
        labels[6] = ArgMin512(b6, i6, singleTile);
        labels[7] = ArgMin512(b7, i7, singleTile);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NearestBlock256(ReadOnlySpan<float> rows, CentroidPanel panel, Span<int> labels)
    {
        int d = panel.Dimensions;
        int padded = panel.PaddedK;
        ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel.Transposed);
        ref float normRef = ref MemoryMarshal.GetArrayDataReference(panel.Norms);
        ref float x0 = ref MemoryMarshal.GetReference(rows);
        var minus2 = Vector256.Create(-2f);
        var lane = Vector256<int>.Indices;
        nint d1 = d, d2 = 2 * d1, d3 = 3 * d1, d4 = 4 * d1, d5 = 5 * d1, d6 = 6 * d1, d7 = 7 * d1;
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        Vector256<int> i0 = lane, i1 = lane, i2 = lane, i3 = lane, i4 = lane, i5 = lane, i6 = lane, i7 = lane;
        for (int t = 0; t < padded; t += Vector256<float>.Count)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            ref float column = ref Unsafe.Add(ref panelRef, t);
            ref float x = ref x0;
            for (int j = 0; j < d; j++)
            {
                var c = Vector256.LoadUnsafe(ref column);
                a0 = Vector256.FusedMultiplyAdd(Vector256.Create(x), c, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, d1)), c, a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, d2)), c, a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, d3)), c, a3);
                a4 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, d4)), c, a4);
                a5 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, d5)), c, a5);
                a6 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, d6)), c, a6);
                a7 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref x, d7)), c, a7);
                column = ref Unsafe.Add(ref column, padded);
                x = ref Unsafe.Add(ref x, 1);
            }

            var norms = Vector256.LoadUnsafe(ref normRef, (nuint)t);
            a0 = Vector256.FusedMultiplyAdd(minus2, a0, norms);
            a1 = Vector256.FusedMultiplyAdd(minus2, a1, norms);
            a2 = Vector256.FusedMultiplyAdd(minus2, a2, norms);
            a3 = Vector256.FusedMultiplyAdd(minus2, a3, norms);
            a4 = Vector256.FusedMultiplyAdd(minus2, a4, norms);
            a5 = Vector256.FusedMultiplyAdd(minus2, a5, norms);
            a6 = Vector256.FusedMultiplyAdd(minus2, a6, norms);
            a7 = Vector256.FusedMultiplyAdd(minus2, a7, norms);
            if (t == 0)
            {
                (b0, b1, b2, b3, b4, b5, b6, b7) = (a0, a1, a2, a3, a4, a5, a6, a7);
            }
            else
            {
                var index = lane + Vector256.Create(t);
                KeepSmaller256(a0, index, ref b0, ref i0);
                KeepSmaller256(a1, index, ref b1, ref i1);
                KeepSmaller256(a2, index, ref b2, ref i2);
                KeepSmaller256(a3, index, ref b3, ref i3);
                KeepSmaller256(a4, index, ref b4, ref i4);
                KeepSmaller256(a5, index, ref b5, ref i5);
                KeepSmaller256(a6, index, ref b6, ref i6);
                KeepSmaller256(a7, index, ref b7, ref i7);
            }
        }

        bool singleTile = padded == Vector256<float>.Count;
        labels[0] = ArgMin256(b0, i0, singleTile);
        labels[1] = ArgMin256(b1, i1, singleTile);
        labels[2] = ArgMin256(b2, i2, singleTile);
        labels[3] = ArgMin256(b3, i3, singleTile);
        labels[4] = ArgMin256(b4, i4, singleTile);
        labels[5] = ArgMin256(b5, i5, singleTile);
        labels[6] = ArgMin256(b6, i6, singleTile);
        labels[7] = ArgMin256(b7, i7, singleTile);
    }

    // Strictly smaller only: an earlier tile keeps a tie, so each lane holds its lowest-index minimum.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeepSmaller512(Vector512<float> candidate, Vector512<int> index, ref Vector512<float> best, ref Vector512<int> bestIndex)
    {
        var smaller = Vector512.LessThan(candidate, best);
        best = Vector512.ConditionalSelect(smaller, candidate, best);
        bestIndex = Vector512.ConditionalSelect(smaller.AsInt32(), index, bestIndex);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeepSmaller256(Vector256<float> candidate, Vector256<int> index, ref Vector256<float> best, ref Vector256<int> bestIndex)
    {
        var smaller = Vector256.LessThan(candidate, best);
        best = Vector256.ConditionalSelect(smaller, candidate, best);
        bestIndex = Vector256.ConditionalSelect(smaller.AsInt32(), index, bestIndex);
    }

    // Among lanes holding the minimum, the lowest centroid index wins (with one tile, the lowest lane is it).
    // MinNative (plain vminps) is safe: distances are never NaN and ±0 compare equal below.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ArgMin512(Vector512<float> best, Vector512<int> index, bool singleTile)
    {
        float min = HorizontalMin(Vector256.MinNative(best.GetLower(), best.GetUpper()));
        var atMin = Vector512.Equals(best, Vector512.Create(min));
        if (singleTile)
        {
            return BitOperations.TrailingZeroCount(atMin.ExtractMostSignificantBits());
        }

        var candidates = Vector512.ConditionalSelect(atMin.AsInt32(), index, Vector512.Create(int.MaxValue));
        return HorizontalMin(Vector256.MinNative(candidates.GetLower(), candidates.GetUpper()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ArgMin256(Vector256<float> best, Vector256<int> index, bool singleTile)
    {
        float min = HorizontalMin(best);
        var atMin = Vector256.Equals(best, Vector256.Create(min));
        if (singleTile)
        {
            return BitOperations.TrailingZeroCount(atMin.ExtractMostSignificantBits());
        }

        var candidates = Vector256.ConditionalSelect(atMin.AsInt32(), index, Vector256.Create(int.MaxValue));
        return HorizontalMin(candidates);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T HorizontalMin<T>(Vector256<T> v)
    {
        var m = Vector128.MinNative(v.GetLower(), v.GetUpper());
        m = Vector128.MinNative(m, Vector128.Shuffle(m.AsInt32(), Vector128.Create(2, 3, 0, 1)).As<int, T>());
        m = Vector128.MinNative(m, Vector128.Shuffle(m.AsInt32(), Vector128.Create(1, 0, 3, 2)).As<int, T>());
        return m.ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Record(
        ReadOnlySpan<float> row, ReadOnlySpan<float> weights, int i, int label,
        Span<int> labels, Span<double> sums, Span<double> counts)
    {
        int changed = labels[i] == label ? 0 : 1;
        labels[i] = label;
        double w = weights.IsEmpty ? 1.0 : weights[i];
        counts[label] += w;
        AddScaledRow(row, w, sums.Slice(label * row.Length, row.Length));
        return changed;
    }

    /// <summary>target += w·row in double. Widening is exact and w = 1 multiplies exactly, so this equals the scalar
    /// loop bitwise; unit weights skip the multiply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddScaledRow(ReadOnlySpan<float> row, double w, Span<double> target)
    {
        ref float x = ref MemoryMarshal.GetReference(row);
        ref double s = ref MemoryMarshal.GetReference(target);
        int j = 0;
        if (Avx.IsSupported)
        {
            // Four floats widen to four doubles in one vcvtps2pd, so any d ≥ 4 stays vectorised.
            for (; j + Vector128<float>.Count <= row.Length; j += Vector128<float>.Count)
            {
                var widened = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref x, (nuint)j));
                if (w != 1.0)
                {
                    widened *= w;
                }

                (Vector256.LoadUnsafe(ref s, (nuint)j) + widened).StoreUnsafe(ref s, (nuint)j);
            }
        }

        for (; j < row.Length; j++)
        {
            Unsafe.Add(ref s, j) += w * Unsafe.Add(ref x, j);
        }
    }
}
