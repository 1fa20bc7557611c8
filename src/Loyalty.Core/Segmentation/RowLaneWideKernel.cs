using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Segmentation;

/// <summary>The assignment kernel for more than eight features: sixteen rows per vector, transposed sixteen features
/// at a time by <see cref="RowTile"/>, then sixteen centroids per step (eight when the panel holds at most eight), so
/// each feature column loaded from the tile feeds sixteen independent fused multiply-add chains — enough to keep
/// both FMA ports busy through the four-cycle latency. Each lane accumulates x·c in feature order from zero and the
/// argmin is a vertical compare-and-select in centroid order, exactly as <see cref="AssignmentKernelScalar"/>, so
/// labels equal the scalar reference's.</summary>
/// <remarks>Not width-generic, on purpose: the row tile is built with AVX-512's 128-bit lane shuffles, and sixteen rows
/// per vector only pay off with sixteen lanes, so this kernel (like <see cref="RowLaneKernel"/>) runs on the 512-bit
/// tier only (<see cref="Loyalty.Core.Numerics.Simd.VectorDispatch.Avx512"/>); the other tiers use the width-generic
/// centroid-lane blocks of <see cref="AssignmentKernel"/>. <c>Sixteen</c> and <c>Eight</c> are not width twins (both
/// are 512-bit, they differ in how many centroids share a feature load) and stay unrolled by hand: the session that
/// wrote them measured a shared version slower (see docs/benchmarks/kmeans.md, "Width-generic kernels").</remarks>
internal static class RowLaneWideKernel
{
    private const int Lanes = RowTile.Size;

    /// <summary>Whether this kernel handles <paramref name="dimensions"/> features on this machine.</summary>
    internal static bool Supports(int dimensions) => RowTile.IsSupported && dimensions > 8;

    /// <summary>Labels of the rows of <paramref name="points"/> in whole blocks of sixteen whose tile reads stay inside
    /// <paramref name="points"/>.</summary>
    /// <returns>How many leading rows were labelled; the caller labels the rest.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int NearestBlocks(ReadOnlySpan<float> points, CentroidPanel panel, Span<int> nearest)
    {
        int d = panel.Dimensions;
        int padded = panel.PaddedK;
        if (!Supports(d) || padded % 8 != 0)
        {
            throw new InvalidOperationException($"The wide row-lane kernel does not handle {d} features here.");
        }

        int rows = Math.Min(nearest.Length, points.Length / d);
        int tiles = (d + Lanes - 1) / Lanes;
        Span<Vector512<float>> columns = stackalloc Vector512<float>[tiles * Lanes];
        ref float x = ref MemoryMarshal.GetReference(points);
        ref int output = ref MemoryMarshal.GetReference(nearest);
        ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel.Transposed);
        ref float normRef = ref MemoryMarshal.GetArrayDataReference(panel.Norms);
        int i = 0;
        for (; i + Lanes <= rows && ((long)(i + Lanes - 1) * d) + ((long)tiles * Lanes) <= points.Length; i += Lanes)
        {
            for (int m = 0; m < tiles; m++)
            {
                RowTile.Transpose(ref Unsafe.Add(ref x, i * d), d, m * Lanes, columns.Slice(m * Lanes, Lanes));
            }

            var best = Vector512.Create(float.PositiveInfinity);
            var bestIndex = Vector512<int>.Zero;
            int c = 0;
            for (; c + 16 <= padded; c += 16)
            {
                Sixteen(columns, d, ref Unsafe.Add(ref panelRef, c), padded, ref Unsafe.Add(ref normRef, c), c, ref best, ref bestIndex);
            }

            for (; c < padded; c += 8)
            {
                Eight(columns, d, ref Unsafe.Add(ref panelRef, c), padded, ref Unsafe.Add(ref normRef, c), c, ref best, ref bestIndex);
            }

            bestIndex.StoreUnsafe(ref Unsafe.Add(ref output, i));
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sixteen(
        ReadOnlySpan<Vector512<float>> columns, int d, ref float coordinates, int padded, ref float norms, int first,
        ref Vector512<float> best, ref Vector512<int> bestIndex)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector512<float> a8 = default, a9 = default, a10 = default, a11 = default, a12 = default, a13 = default, a14 = default, a15 = default;
        ref float row = ref coordinates;
        for (int j = 0; j < d; j++)
        {
            var x = columns[j];
            a0 = Vector512.FusedMultiplyAdd(x, Vector512.Create(row), a0);
            a1 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 1)), a1);
            a2 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 2)), a2);
            a3 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 3)), a3);
            a4 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 4)), a4);
            a5 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 5)), a5);
            a6 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 6)), a6);
            a7 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 7)), a7);
            a8 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 8)), a8);
            a9 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 9)), a9);
            a10 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 10)), a10);
            a11 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 11)), a11);
            a12 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 12)), a12);
            a13 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 13)), a13);
            a14 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 14)), a14);
            a15 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 15)), a15);
            row = ref Unsafe.Add(ref row, padded);
        }

        Keep(a0, ref norms, first, ref best, ref bestIndex);
        Keep(a1, ref Unsafe.Add(ref norms, 1), first + 1, ref best, ref bestIndex);
        Keep(a2, ref Unsafe.Add(ref norms, 2), first + 2, ref best, ref bestIndex);
        Keep(a3, ref Unsafe.Add(ref norms, 3), first + 3, ref best, ref bestIndex);
        Keep(a4, ref Unsafe.Add(ref norms, 4), first + 4, ref best, ref bestIndex);
        Keep(a5, ref Unsafe.Add(ref norms, 5), first + 5, ref best, ref bestIndex);
        Keep(a6, ref Unsafe.Add(ref norms, 6), first + 6, ref best, ref bestIndex);
        Keep(a7, ref Unsafe.Add(ref norms, 7), first + 7, ref best, ref bestIndex);
        Keep(a8, ref Unsafe.Add(ref norms, 8), first + 8, ref best, ref bestIndex);
        Keep(a9, ref Unsafe.Add(ref norms, 9), first + 9, ref best, ref bestIndex);
        Keep(a10, ref Unsafe.Add(ref norms, 10), first + 10, ref best, ref bestIndex);
        Keep(a11, ref Unsafe.Add(ref norms, 11), first + 11, ref best, ref bestIndex);
        Keep(a12, ref Unsafe.Add(ref norms, 12), first + 12, ref best, ref bestIndex);
        Keep(a13, ref Unsafe.Add(ref norms, 13), first + 13, ref best, ref bestIndex);
        Keep(a14, ref Unsafe.Add(ref norms, 14), first + 14, ref best, ref bestIndex);
        Keep(a15, ref Unsafe.Add(ref norms, 15), first + 15, ref best, ref bestIndex);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Eight(
        ReadOnlySpan<Vector512<float>> columns, int d, ref float coordinates, int padded, ref float norms, int first,
        ref Vector512<float> best, ref Vector512<int> bestIndex)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        ref float row = ref coordinates;
        for (int j = 0; j < d; j++)
        {
            var x = columns[j];
            a0 = Vector512.FusedMultiplyAdd(x, Vector512.Create(row), a0);
            a1 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 1)), a1);
            a2 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 2)), a2);
            a3 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 3)), a3);
            a4 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 4)), a4);
            a5 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 5)), a5);
            a6 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 6)), a6);
            a7 = Vector512.FusedMultiplyAdd(x, Vector512.Create(Unsafe.Add(ref row, 7)), a7);
            row = ref Unsafe.Add(ref row, padded);
        }

        Keep(a0, ref norms, first, ref best, ref bestIndex);
        Keep(a1, ref Unsafe.Add(ref norms, 1), first + 1, ref best, ref bestIndex);
        Keep(a2, ref Unsafe.Add(ref norms, 2), first + 2, ref best, ref bestIndex);
        Keep(a3, ref Unsafe.Add(ref norms, 3), first + 3, ref best, ref bestIndex);
        Keep(a4, ref Unsafe.Add(ref norms, 4), first + 4, ref best, ref bestIndex);
        Keep(a5, ref Unsafe.Add(ref norms, 5), first + 5, ref best, ref bestIndex);
        Keep(a6, ref Unsafe.Add(ref norms, 6), first + 6, ref best, ref bestIndex);
        Keep(a7, ref Unsafe.Add(ref norms, 7), first + 7, ref best, ref bestIndex);
    }

    // ‖c‖² − 2x·c folded into the running minimum; strictly smaller only, so an earlier centroid keeps a tie (padding
    // centroids have zero coordinates and an infinite norm and never win).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(Vector512<float> dot, ref float norm, int centroid, ref Vector512<float> best, ref Vector512<int> bestIndex)
    {
        var distance = Vector512.FusedMultiplyAdd(Vector512.Create(-2f), dot, Vector512.Create(norm));
        var smaller = Vector512.LessThan(distance, best);
        best = Vector512.MinNative(distance, best);
        bestIndex = Vector512.ConditionalSelect(smaller.AsInt32(), Vector512.Create(centroid), bestIndex);
    }
}
