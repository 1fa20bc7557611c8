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

    // Labels are found for this many rows, then their sums are added while the rows are still in L1/L2: two tight
    // loops instead of one loop whose register pressure forces spills.
    private const int SubChunkRows = 256;

    /// <summary>Assigns each row to its nearest centroid and adds w·x to <paramref name="sums"/> (k × d) and w to
    /// <paramref name="counts"/>, in row order. <paramref name="labels"/> holds the previous labels on entry.</summary>
    /// <returns>How many labels changed.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int AssignAndAccumulate(
        ReadOnlySpan<float> points, ReadOnlySpan<float> weights, CentroidPanel panel,
        Span<int> labels, Span<double> sums, Span<double> counts)
    {
        int d = panel.Dimensions;
        int rows = labels.Length;
        if (points.Length < rows * d || sums.Length < panel.K * d || counts.Length < panel.K
            || (!weights.IsEmpty && weights.Length < rows))
        {
            throw new ArgumentException("Kernel buffers are shorter than the rows and centroids they describe.");
        }

        Span<int> nearest = stackalloc int[SubChunkRows];
        int changed = 0;
        for (int start = 0; start < rows; start += SubChunkRows)
        {
            int length = Math.Min(SubChunkRows, rows - start);
            ReadOnlySpan<float> block = points.Slice(start * d, length * d);
            Span<int> blockLabels = labels.Slice(start, length);
            NearestRows(block, panel, nearest[..length]);
            changed += RecordLabels(nearest[..length], blockLabels);
            AccumulateRows(block, weights.IsEmpty ? default : weights.Slice(start, length), blockLabels, sums, counts, d);
        }

        return changed;
    }

    /// <summary>The nearest centroid of every row of <paramref name="points"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void NearestRows(ReadOnlySpan<float> points, CentroidPanel panel, Span<int> nearest)
    {
        int d = panel.Dimensions;
        int rows = nearest.Length;
        if (points.Length < rows * d)
        {
            throw new ArgumentException("points holds fewer rows than nearest.", nameof(points));
        }

        int i = 0;
        if (d > 0 && panel.LaneWidth > 1)
        {
            ref float x = ref MemoryMarshal.GetReference(points);
            ref int output = ref MemoryMarshal.GetReference(nearest);
            ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel.Transposed);
            ref float normRef = ref MemoryMarshal.GetArrayDataReference(panel.Norms);
            int padded = panel.PaddedK;
            if (RowLaneKernel.Supports(d))
            {
                i = RowLaneKernel.NearestBlocks(points, panel, nearest);
            }
            else if (RowLaneWideKernel.Supports(d))
            {
                // Rows whose tile reads would run past the data finish in the centroid-lane loop below.
                i = RowLaneWideKernel.NearestBlocks(points, panel, nearest);
            }

            if (panel.LaneWidth == Vector512<float>.Count)
            {
                for (; i + BlockRows <= rows; i += BlockRows)
                {
                    NearestBlock512(ref Unsafe.Add(ref x, i * d), d, ref panelRef, ref normRef, padded, ref Unsafe.Add(ref output, i));
                }
            }
            else
            {
                for (; i + BlockRows <= rows; i += BlockRows)
                {
                    NearestBlock256(ref Unsafe.Add(ref x, i * d), d, ref panelRef, ref normRef, padded, ref Unsafe.Add(ref output, i));
                }
            }
        }

        for (; i < rows; i++)
        {
            nearest[i] = Nearest(points.Slice(i * d, d), panel);
        }
    }

    /// <summary>Copies <paramref name="nearest"/> into <paramref name="labels"/>.</summary>
    /// <returns>How many labels changed.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int RecordLabels(ReadOnlySpan<int> nearest, Span<int> labels)
    {
        if (labels.Length < nearest.Length)
        {
            throw new ArgumentException("labels is shorter than nearest.", nameof(labels));
        }

        ref int from = ref MemoryMarshal.GetReference(nearest);
        ref int to = ref MemoryMarshal.GetReference(labels);
        int changed = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<int>.Count <= nearest.Length; i += Vector256<int>.Count)
            {
                var next = Vector256.LoadUnsafe(ref from, (nuint)i);
                var differs = ~Vector256.Equals(next, Vector256.LoadUnsafe(ref to, (nuint)i));
                changed += BitOperations.PopCount(differs.ExtractMostSignificantBits());
                next.StoreUnsafe(ref to, (nuint)i);
            }
        }

        for (; i < nearest.Length; i++)
        {
            int label = Unsafe.Add(ref from, i);
            changed += Unsafe.Add(ref to, i) == label ? 0 : 1;
            Unsafe.Add(ref to, i) = label;
        }

        return changed;
    }

    /// <summary>Adds w·x of every row to its label's sums and w to its count, in row order. The scalar reference adds
    /// in the same order and widening float to double is exact, so the results are bitwise equal to it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AccumulateRows(
        ReadOnlySpan<float> points, ReadOnlySpan<float> weights, ReadOnlySpan<int> labels,
        Span<double> sums, Span<double> counts, int d)
    {
        int rows = labels.Length;
        if (points.Length < rows * d || (!weights.IsEmpty && weights.Length < rows))
        {
            throw new ArgumentException("points or weights are shorter than labels.", nameof(points));
        }

        int k = counts.Length;
        if (sums.Length < k * d)
        {
            throw new ArgumentException("sums is shorter than counts × dimensions.", nameof(sums));
        }

        ref float x = ref MemoryMarshal.GetReference(points);
        ref double sumRef = ref MemoryMarshal.GetReference(sums);
        ref double countRef = ref MemoryMarshal.GetReference(counts);
        ref int labelRef = ref MemoryMarshal.GetReference(labels);
        for (int i = 0; i < rows; i++)
        {
            // A label outside [0, k) would write outside the sums; the bounds check is one compare per row.
            int label = Unsafe.Add(ref labelRef, i);
            if ((uint)label >= (uint)k)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Row {i} has label {label}; expected 0..{k - 1}.");
            }

            double w = weights.IsEmpty ? 1.0 : weights[i];
            Unsafe.Add(ref countRef, label) += w;
            AddScaledRow(ref Unsafe.Add(ref x, i * d), w, ref Unsafe.Add(ref sumRef, label * d), d);
        }
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

    /// <summary>Eight rows at once: each panel load feeds eight fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NearestBlock512(ref float x0, int d, ref float panelRef, ref float normRef, int padded, ref int labels)
    {
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
        Unsafe.Add(ref labels, 0) = ArgMin512(b0, i0, singleTile);
        Unsafe.Add(ref labels, 1) = ArgMin512(b1, i1, singleTile);
        Unsafe.Add(ref labels, 2) = ArgMin512(b2, i2, singleTile);
        Unsafe.Add(ref labels, 3) = ArgMin512(b3, i3, singleTile);
        Unsafe.Add(ref labels, 4) = ArgMin512(b4, i4, singleTile);
        Unsafe.Add(ref labels, 5) = ArgMin512(b5, i5, singleTile);
        Unsafe.Add(ref labels, 6) = ArgMin512(b6, i6, singleTile);
        Unsafe.Add(ref labels, 7) = ArgMin512(b7, i7, singleTile);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NearestBlock256(ref float x0, int d, ref float panelRef, ref float normRef, int padded, ref int labels)
    {
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
        Unsafe.Add(ref labels, 0) = ArgMin256(b0, i0, singleTile);
        Unsafe.Add(ref labels, 1) = ArgMin256(b1, i1, singleTile);
        Unsafe.Add(ref labels, 2) = ArgMin256(b2, i2, singleTile);
        Unsafe.Add(ref labels, 3) = ArgMin256(b3, i3, singleTile);
        Unsafe.Add(ref labels, 4) = ArgMin256(b4, i4, singleTile);
        Unsafe.Add(ref labels, 5) = ArgMin256(b5, i5, singleTile);
        Unsafe.Add(ref labels, 6) = ArgMin256(b6, i6, singleTile);
        Unsafe.Add(ref labels, 7) = ArgMin256(b7, i7, singleTile);
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

    /// <summary>target += w·row in double (see <see cref="AddScaledRow(ref float, double, ref double, int)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddScaledRow(ReadOnlySpan<float> row, double w, Span<double> target) =>
        AddScaledRow(ref MemoryMarshal.GetReference(row), w, ref MemoryMarshal.GetReference(target), row.Length);

    /// <summary>target[0..d) += w·row[0..d) in double. Widening is exact and w = 1 multiplies exactly, so this equals
    /// the scalar loop bitwise; unit weights skip the multiply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaledRow(ref float x, double w, ref double s, int d)
    {
        int j = 0;
        if (Avx512F.IsSupported)
        {
            // Eight floats widen to eight doubles in one vcvtps2pd.
            for (; j + Vector256<float>.Count <= d; j += Vector256<float>.Count)
            {
                var widened = Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref x, (nuint)j));
                if (w != 1.0)
                {
                    widened *= w;
                }

                (Vector512.LoadUnsafe(ref s, (nuint)j) + widened).StoreUnsafe(ref s, (nuint)j);
            }
        }

        if (Avx.IsSupported)
        {
            for (; j + Vector128<float>.Count <= d; j += Vector128<float>.Count)
            {
                var widened = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref x, (nuint)j));
                if (w != 1.0)
                {
                    widened *= w;
                }

                (Vector256.LoadUnsafe(ref s, (nuint)j) + widened).StoreUnsafe(ref s, (nuint)j);
            }
        }

        for (; j < d; j++)
        {
            Unsafe.Add(ref s, j) += w * Unsafe.Add(ref x, j);
        }
    }
}
