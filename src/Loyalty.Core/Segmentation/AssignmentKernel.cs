using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Loyalty.Core.Numerics.Simd;

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
            // The row-lane kernels step over centroids eight at a time, so they need a panel padded to eight.
            if (panel.PaddedK % 8 == 0 && RowLaneKernel.Supports(d))
            {
                i = RowLaneKernel.NearestBlocks(points, panel, nearest);
            }
            else if (panel.PaddedK % 8 == 0 && RowLaneWideKernel.Supports(d))
            {
                // Rows whose tile reads would run past the data finish in the centroid-lane loop below.
                i = RowLaneWideKernel.NearestBlocks(points, panel, nearest);
            }

            i += NearestBlocks(points[(i * d)..], panel, nearest[i..]);
        }

        for (; i < rows; i++)
        {
            nearest[i] = Nearest(points.Slice(i * d, d), panel);
        }
    }

    /// <summary>Labels of the rows in whole blocks of eight, centroids in the panel's vector lanes.</summary>
    /// <returns>How many leading rows were labelled (a multiple of eight).</returns>
    internal static int NearestBlocks(ReadOnlySpan<float> points, CentroidPanel panel, Span<int> nearest) =>
        panel.LaneWidth switch
        {
            16 => NearestBlocks<Width512, Vector512<float>>(points, panel, nearest),
            8 => NearestBlocks<Width256, Vector256<float>>(points, panel, nearest),
            4 => NearestBlocks<Width128, Vector128<float>>(points, panel, nearest),
            _ => 0,
        };

    /// <summary><see cref="NearestBlocks(ReadOnlySpan{float}, CentroidPanel, Span{int})"/> for a panel whose lane
    /// width is <typeparamref name="TWidth"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int NearestBlocks<TWidth, TVector>(ReadOnlySpan<float> points, CentroidPanel panel, Span<int> nearest)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int d = panel.Dimensions;
        int rows = nearest.Length;
        if (panel.LaneWidth != TWidth.Count || points.Length < rows * d)
        {
            throw new ArgumentException($"A panel of {panel.LaneWidth} lanes cannot be read {TWidth.Count} lanes at a time.", nameof(panel));
        }

        if (d == 0)
        {
            return 0;
        }

        ref float x = ref MemoryMarshal.GetReference(points);
        ref int output = ref MemoryMarshal.GetReference(nearest);
        ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel.Transposed);
        ref float normRef = ref MemoryMarshal.GetArrayDataReference(panel.Norms);
        int i = 0;
        for (; i + BlockRows <= rows; i += BlockRows)
        {
            NearestBlock<TWidth, TVector>(ref Unsafe.Add(ref x, i * d), d, ref panelRef, ref normRef, panel.PaddedK, ref Unsafe.Add(ref output, i));
        }

        return i;
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
        if (VectorDispatch.Is256)
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
        switch (panel.LaneWidth)
        {
            case 16:
                ExpandedDistances<Width512, Vector512<float>>(row, panel, distances);
                break;
            case 8:
                ExpandedDistances<Width256, Vector256<float>>(row, panel, distances);
                break;
            case 4:
                ExpandedDistances<Width128, Vector128<float>>(row, panel, distances);
                break;
            default:
                AssignmentKernelScalar.ExpandedDistances(row, panel, distances);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ExpandedDistances<TWidth, TVector>(ReadOnlySpan<float> row, CentroidPanel panel, Span<float> distances)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int d = panel.Dimensions;
        int padded = panel.PaddedK;
        if (row.Length < d || distances.Length < padded)
        {
            throw new ArgumentException("row or distances are shorter than the panel.", nameof(distances));
        }

        ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel.Transposed);
        ref float normRef = ref MemoryMarshal.GetArrayDataReference(panel.Norms);
        ref float x = ref MemoryMarshal.GetReference(row);
        ref float outRef = ref MemoryMarshal.GetReference(distances);
        var minus2 = TWidth.Broadcast(-2f);
        for (int t = 0; t < padded; t += TWidth.Count)
        {
            var acc = TWidth.Zero;
            for (int j = 0; j < d; j++)
            {
                acc = TWidth.FusedMultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref x, j)), TWidth.Load(ref panelRef, (nuint)(j * padded + t)), acc);
            }

            TWidth.Store(TWidth.FusedMultiplyAdd(minus2, acc, TWidth.Load(ref normRef, (nuint)t)), ref outRef, (nuint)t);
        }
    }

    /// <summary>Eight rows at once: each panel load feeds eight fused multiply-adds. Each lane's index is kept next
    /// to its best distance; ties keep the earlier tile, so the argmin picks the lowest centroid index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NearestBlock<TWidth, TVector>(ref float x0, int d, ref float panelRef, ref float normRef, int padded, ref int labels)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        var minus2 = TWidth.Broadcast(-2f);
        var lane = TWidth.Indices;
        nint d1 = d, d2 = 2 * d1, d3 = 3 * d1, d4 = 4 * d1, d5 = 5 * d1, d6 = 6 * d1, d7 = 7 * d1;
        TVector b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        TVector i0 = lane, i1 = lane, i2 = lane, i3 = lane, i4 = lane, i5 = lane, i6 = lane, i7 = lane;
        for (int t = 0; t < padded; t += TWidth.Count)
        {
            TVector a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            ref float column = ref Unsafe.Add(ref panelRef, t);
            ref float x = ref x0;
            for (int j = 0; j < d; j++)
            {
                var c = TWidth.Load(ref column, 0);
                a0 = TWidth.FusedMultiplyAdd(TWidth.Broadcast(x), c, a0);
                a1 = TWidth.FusedMultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref x, d1)), c, a1);
                a2 = TWidth.FusedMultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref x, d2)), c, a2);
                a3 = TWidth.FusedMultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref x, d3)), c, a3);
                a4 = TWidth.FusedMultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref x, d4)), c, a4);
                a5 = TWidth.FusedMultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref x, d5)), c, a5);
                a6 = TWidth.FusedMultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref x, d6)), c, a6);
                a7 = TWidth.FusedMultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref x, d7)), c, a7);
                column = ref Unsafe.Add(ref column, padded);
                x = ref Unsafe.Add(ref x, 1);
            }

            var norms = TWidth.Load(ref normRef, (nuint)t);
            a0 = TWidth.FusedMultiplyAdd(minus2, a0, norms);
            a1 = TWidth.FusedMultiplyAdd(minus2, a1, norms);
            a2 = TWidth.FusedMultiplyAdd(minus2, a2, norms);
            a3 = TWidth.FusedMultiplyAdd(minus2, a3, norms);
            a4 = TWidth.FusedMultiplyAdd(minus2, a4, norms);
            a5 = TWidth.FusedMultiplyAdd(minus2, a5, norms);
            a6 = TWidth.FusedMultiplyAdd(minus2, a6, norms);
            a7 = TWidth.FusedMultiplyAdd(minus2, a7, norms);
            if (t == 0)
            {
                (b0, b1, b2, b3, b4, b5, b6, b7) = (a0, a1, a2, a3, a4, a5, a6, a7);
            }
            else
            {
                var index = TWidth.OffsetIndices(lane, t);
                TWidth.KeepSmaller(a0, index, ref b0, ref i0);
                TWidth.KeepSmaller(a1, index, ref b1, ref i1);
                TWidth.KeepSmaller(a2, index, ref b2, ref i2);
                TWidth.KeepSmaller(a3, index, ref b3, ref i3);
                TWidth.KeepSmaller(a4, index, ref b4, ref i4);
                TWidth.KeepSmaller(a5, index, ref b5, ref i5);
                TWidth.KeepSmaller(a6, index, ref b6, ref i6);
                TWidth.KeepSmaller(a7, index, ref b7, ref i7);
            }
        }

        bool singleTile = padded == TWidth.Count;
        Unsafe.Add(ref labels, 0) = TWidth.ArgMin(b0, i0, singleTile);
        Unsafe.Add(ref labels, 1) = TWidth.ArgMin(b1, i1, singleTile);
        Unsafe.Add(ref labels, 2) = TWidth.ArgMin(b2, i2, singleTile);
        Unsafe.Add(ref labels, 3) = TWidth.ArgMin(b3, i3, singleTile);
        Unsafe.Add(ref labels, 4) = TWidth.ArgMin(b4, i4, singleTile);
        Unsafe.Add(ref labels, 5) = TWidth.ArgMin(b5, i5, singleTile);
        Unsafe.Add(ref labels, 6) = TWidth.ArgMin(b6, i6, singleTile);
        Unsafe.Add(ref labels, 7) = TWidth.ArgMin(b7, i7, singleTile);
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
        if (VectorDispatch.Avx512)
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

        if (VectorDispatch.Avx)
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
