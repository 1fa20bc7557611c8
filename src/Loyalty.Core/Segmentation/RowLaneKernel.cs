using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Segmentation;

/// <summary>The assignment kernel for narrow data (at most eight features, the usual RFM case): sixteen rows sit in
/// the sixteen lanes of one vector, so the argmin over centroids is a vertical compare-and-select per centroid
/// instead of a horizontal reduction per row. The rows are transposed in registers (two-source permutes), and each
/// lane accumulates x·c with fused multiply-adds in feature order, starting from zero, exactly as
/// <see cref="AssignmentKernelScalar"/> does; a strict less-than in centroid order keeps ties on the lowest index.
/// Labels therefore equal the scalar reference's.</summary>
internal static class RowLaneKernel
{
    /// <summary>Rows per block: one per lane.</summary>
    internal const int BlockRows = 16;

    private const int MaxDimensions = 8;

    // Centroids per step; the panel pads k to a multiple of 8 (or 16), so a step never runs past it.
    private const int Group = 8;

    private static readonly Vector512<int>[][] Tables = BuildTables();

    /// <summary>Whether this kernel handles <paramref name="dimensions"/> features on this machine.</summary>
    internal static bool Supports(int dimensions) =>
        VectorDispatch.Avx512 && dimensions is >= 1 and <= MaxDimensions;

    /// <summary>Labels of the rows of <paramref name="points"/> in whole blocks of <see cref="BlockRows"/>.</summary>
    /// <returns>How many rows were labelled (a multiple of <see cref="BlockRows"/>); the caller does the rest.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int NearestBlocks(ReadOnlySpan<float> points, CentroidPanel panel, Span<int> nearest)
    {
        int d = panel.Dimensions;
        if (!Supports(d) || panel.PaddedK % Group != 0)
        {
            throw new InvalidOperationException($"The row-lane kernel does not handle {d} features on this machine.");
        }

        int rows = Math.Min(nearest.Length, points.Length / d) / BlockRows * BlockRows;
        ref float x = ref MemoryMarshal.GetReference(points);
        ref int output = ref MemoryMarshal.GetReference(nearest);
        ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel.Transposed);
        ref float normRef = ref MemoryMarshal.GetArrayDataReference(panel.Norms);
        ref Vector512<int> table = ref MemoryMarshal.GetArrayDataReference(Tables[d]);
        for (int i = 0; i < rows; i += BlockRows)
        {
            ref float block = ref Unsafe.Add(ref x, i * d);
            ref int labels = ref Unsafe.Add(ref output, i);
            if (d <= 4)
            {
                Nearest4(ref block, d, ref table, ref panelRef, ref normRef, panel.PaddedK, ref labels);
            }
            else
            {
                Nearest8(ref block, d, ref table, ref panelRef, ref normRef, panel.PaddedK, ref labels);
            }
        }

        return rows;
    }

    // Up to four features. Eight centroids per step give eight independent multiply-add chains (a chain must run in
    // feature order to match the scalar reference, so the latency is hidden across centroids, not within one);
    // padding centroids have zero coordinates and an infinite norm and never win.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Nearest4(
        ref float block, int d, ref Vector512<int> table, ref float panelRef, ref float normRef, int padded, ref int labels)
    {
        var z0 = Source(ref block, d, 0);
        var z1 = Source(ref block, d, 1);
        var z2 = Source(ref block, d, 2);
        var z3 = Source(ref block, d, 3);
        var x0 = Column4(z0, z1, z2, z3, ref table, 0);
        var x1 = d > 1 ? Column4(z0, z1, z2, z3, ref table, 1) : default;
        var x2 = d > 2 ? Column4(z0, z1, z2, z3, ref table, 2) : default;
        var x3 = d > 3 ? Column4(z0, z1, z2, z3, ref table, 3) : default;
        var best = Vector512.Create(float.PositiveInfinity);
        var bestIndex = Vector512<int>.Zero;
        for (int c = 0; c < padded; c += Group)
        {
            ref float coordinates = ref Unsafe.Add(ref panelRef, c);
            var a0 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(coordinates), Vector512<float>.Zero);
            var a1 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 1)), Vector512<float>.Zero);
            var a2 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 2)), Vector512<float>.Zero);
            var a3 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 3)), Vector512<float>.Zero);
            var a4 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 4)), Vector512<float>.Zero);
            var a5 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 5)), Vector512<float>.Zero);
            var a6 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 6)), Vector512<float>.Zero);
            var a7 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 7)), Vector512<float>.Zero);
            if (d > 1)
            {
                Step(x1, ref Unsafe.Add(ref coordinates, padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            }

            if (d > 2)
            {
                Step(x2, ref Unsafe.Add(ref coordinates, 2 * padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            }

            if (d > 3)
            {
                Step(x3, ref Unsafe.Add(ref coordinates, 3 * padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            }

            KeepNearest(ref Unsafe.Add(ref normRef, c), c, a0, a1, a2, a3, a4, a5, a6, a7, ref best, ref bestIndex);
        }

        bestIndex.StoreUnsafe(ref labels);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Nearest8(
        ref float block, int d, ref Vector512<int> table, ref float panelRef, ref float normRef, int padded, ref int labels)
    {
        var z0 = Source(ref block, d, 0);
        var z1 = Source(ref block, d, 1);
        var z2 = Source(ref block, d, 2);
        var z3 = Source(ref block, d, 3);
        var z4 = Source(ref block, d, 4);
        var z5 = Source(ref block, d, 5);
        var z6 = Source(ref block, d, 6);
        var z7 = Source(ref block, d, 7);
        var x0 = Column8(z0, z1, z2, z3, z4, z5, z6, z7, ref table, 0);
        var x1 = Column8(z0, z1, z2, z3, z4, z5, z6, z7, ref table, 1);
        var x2 = Column8(z0, z1, z2, z3, z4, z5, z6, z7, ref table, 2);
        var x3 = Column8(z0, z1, z2, z3, z4, z5, z6, z7, ref table, 3);
        var x4 = Column8(z0, z1, z2, z3, z4, z5, z6, z7, ref table, 4);
        var x5 = d > 5 ? Column8(z0, z1, z2, z3, z4, z5, z6, z7, ref table, 5) : default;
        var x6 = d > 6 ? Column8(z0, z1, z2, z3, z4, z5, z6, z7, ref table, 6) : default;
        var x7 = d > 7 ? Column8(z0, z1, z2, z3, z4, z5, z6, z7, ref table, 7) : default;
        var best = Vector512.Create(float.PositiveInfinity);
        var bestIndex = Vector512<int>.Zero;
        for (int c = 0; c < padded; c += Group)
        {
            ref float coordinates = ref Unsafe.Add(ref panelRef, c);
            var a0 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(coordinates), Vector512<float>.Zero);
            var a1 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 1)), Vector512<float>.Zero);
            var a2 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 2)), Vector512<float>.Zero);
            var a3 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 3)), Vector512<float>.Zero);
            var a4 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 4)), Vector512<float>.Zero);
            var a5 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 5)), Vector512<float>.Zero);
            var a6 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 6)), Vector512<float>.Zero);
            var a7 = Vector512.FusedMultiplyAdd(x0, Vector512.Create(Unsafe.Add(ref coordinates, 7)), Vector512<float>.Zero);
            Step(x1, ref Unsafe.Add(ref coordinates, padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            Step(x2, ref Unsafe.Add(ref coordinates, 2 * padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            Step(x3, ref Unsafe.Add(ref coordinates, 3 * padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            Step(x4, ref Unsafe.Add(ref coordinates, 4 * padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            if (d > 5)
            {
                Step(x5, ref Unsafe.Add(ref coordinates, 5 * padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            }

            if (d > 6)
            {
                Step(x6, ref Unsafe.Add(ref coordinates, 6 * padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            }

            if (d > 7)
            {
                Step(x7, ref Unsafe.Add(ref coordinates, 7 * padded), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            }

            KeepNearest(ref Unsafe.Add(ref normRef, c), c, a0, a1, a2, a3, a4, a5, a6, a7, ref best, ref bestIndex);
        }

        bestIndex.StoreUnsafe(ref labels);
    }

    // One feature for eight centroids: acc += x · c (coordinates of consecutive centroids are adjacent in the panel).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(
        Vector512<float> x, ref float coordinates,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
        ref Vector512<float> a4, ref Vector512<float> a5, ref Vector512<float> a6, ref Vector512<float> a7)
    {
        a0 = Vector512.FusedMultiplyAdd(x, Vector512.Create(coordinates), a0);
        a1 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref coordinates, 1)), a1);
        a2 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref coordinates, 2)), a2);
        a3 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref coordinates, 3)), a3);
        a4 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref coordinates, 4)), a4);
        a5 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref coordinates, 5)), a5);
        a6 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref coordinates, 6)), a6);
        a7 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref coordinates, 7)), a7);
    }

    // ‖c‖² − 2x·c for eight centroids, folded into the running minimum in centroid order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeepNearest(
        ref float norms, int first,
        Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3,
        Vector512<float> a4, Vector512<float> a5, Vector512<float> a6, Vector512<float> a7,
        ref Vector512<float> best, ref Vector512<int> bestIndex)
    {
        var minus2 = Vector512.Create(-2f);
        KeepSmaller(Vector512.FusedMultiplyAdd(minus2, a0, Vector512.Create(norms)), first, ref best, ref bestIndex);
        KeepSmaller(Vector512.FusedMultiplyAdd(minus2, a1, Vector512.Create(Unsafe.Add(ref norms, 1))), first + 1, ref best, ref bestIndex);
        KeepSmaller(Vector512.FusedMultiplyAdd(minus2, a2, Vector512.Create(Unsafe.Add(ref norms, 2))), first + 2, ref best, ref bestIndex);
        KeepSmaller(Vector512.FusedMultiplyAdd(minus2, a3, Vector512.Create(Unsafe.Add(ref norms, 3))), first + 3, ref best, ref bestIndex);
        KeepSmaller(Vector512.FusedMultiplyAdd(minus2, a4, Vector512.Create(Unsafe.Add(ref norms, 4))), first + 4, ref best, ref bestIndex);
        KeepSmaller(Vector512.FusedMultiplyAdd(minus2, a5, Vector512.Create(Unsafe.Add(ref norms, 5))), first + 5, ref best, ref bestIndex);
        KeepSmaller(Vector512.FusedMultiplyAdd(minus2, a6, Vector512.Create(Unsafe.Add(ref norms, 6))), first + 6, ref best, ref bestIndex);
        KeepSmaller(Vector512.FusedMultiplyAdd(minus2, a7, Vector512.Create(Unsafe.Add(ref norms, 7))), first + 7, ref best, ref bestIndex);
    }

    // Strictly smaller only, so an earlier centroid keeps a tie. Distances are never NaN, and the minimum of two equal
    // values is that value, so vminps keeps the running minimum.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeepSmaller(Vector512<float> distance, int centroid, ref Vector512<float> best, ref Vector512<int> bestIndex)
    {
        var smaller = Vector512.LessThan(distance, best);
        best = Vector512.MinNative(distance, best);
        bestIndex = Vector512.ConditionalSelect(smaller.AsInt32(), Vector512.Create(centroid), bestIndex);
    }

    /// <summary>Feature <paramref name="j"/> of sixteen rows whose d ≤ 4 source vectors are z0..z3 (row-major, so
    /// sixteen rows of d floats are d whole vectors): a two-source permute per pair of source vectors, merged by
    /// mask. Source vectors past d repeat the last one; the masks never select them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Column4(
        Vector512<float> z0, Vector512<float> z1, Vector512<float> z2, Vector512<float> z3, ref Vector512<int> table, int j)
    {
        ref Vector512<int> entry = ref Unsafe.Add(ref table, j * 3);
        var low = Avx512F.PermuteVar16x32x2(z0, entry, z1);
        var high = Avx512F.PermuteVar16x32x2(z2, Unsafe.Add(ref entry, 1), z3);
        return Vector512.ConditionalSelect(Unsafe.Add(ref entry, 2).AsSingle(), high, low);
    }

    /// <summary>As <see cref="Column4"/> for d ≤ 8 (source vectors z0..z7, four pairs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Column8(
        Vector512<float> z0, Vector512<float> z1, Vector512<float> z2, Vector512<float> z3,
        Vector512<float> z4, Vector512<float> z5, Vector512<float> z6, Vector512<float> z7, ref Vector512<int> table, int j)
    {
        ref Vector512<int> entry = ref Unsafe.Add(ref table, j * 7);
        var column = Avx512F.PermuteVar16x32x2(z0, entry, z1);
        column = Vector512.ConditionalSelect(Unsafe.Add(ref entry, 4).AsSingle(), Avx512F.PermuteVar16x32x2(z2, Unsafe.Add(ref entry, 1), z3), column);
        column = Vector512.ConditionalSelect(Unsafe.Add(ref entry, 5).AsSingle(), Avx512F.PermuteVar16x32x2(z4, Unsafe.Add(ref entry, 2), z5), column);
        return Vector512.ConditionalSelect(Unsafe.Add(ref entry, 6).AsSingle(), Avx512F.PermuteVar16x32x2(z6, Unsafe.Add(ref entry, 3), z7), column);
    }

    // Source vector v of a block with d vectors; past the end it repeats the last one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Source(ref float block, int d, int v) =>
        Vector512.LoadUnsafe(ref block, (nuint)(Math.Min(v, d - 1) * BlockRows));

    // Per d: for each feature, the permute controls of every source pair, then the masks of pairs 1.. (pair 0 is the
    // base). d ≤ 4 uses two pairs, d ≤ 8 four.
    private static Vector512<int>[][] BuildTables()
    {
        var tables = new Vector512<int>[MaxDimensions + 1][];
        for (int d = 1; d <= MaxDimensions; d++)
        {
            int pairs = d <= 4 ? 2 : 4;
            int stride = 2 * pairs - 1;
            tables[d] = new Vector512<int>[Math.Max(d, pairs) * stride];
            for (int j = 0; j < d; j++)
            {
                for (int p = 0; p < pairs; p++)
                {
                    var control = new int[BlockRows];
                    var mask = new int[BlockRows];
                    for (int lane = 0; lane < BlockRows; lane++)
                    {
                        int source = lane * d + j;
                        bool inPair = source / 32 == p;
                        control[lane] = inPair ? source % 32 : 0;
                        mask[lane] = inPair ? -1 : 0;
                    }

                    tables[d][j * stride + p] = Vector512.Create(control);
                    if (p > 0)
                    {
                        tables[d][j * stride + pairs + p - 1] = Vector512.Create(mask);
                    }
                }
            }
        }

        return tables;
    }
}
