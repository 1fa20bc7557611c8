using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Segmentation;

/// <summary>Sixteen rows × sixteen features turned into sixteen feature columns (one row per lane), with the classic
/// four-stage AVX-512 network: 32-bit interleaves, 64-bit interleaves, then two rounds of 128-bit lane shuffles —
/// 64 shuffles for 256 values. Kernels that put rows in lanes use it to read row-major data.</summary>
internal static class RowTile
{
    /// <summary>Rows (and features) per tile.</summary>
    internal const int Size = 16;

    /// <summary>Whether the tile kernels can run on this machine.</summary>
    internal static bool IsSupported => VectorDispatch.Avx512;

    /// <summary>Writes columns[j][r] = row r's feature (<paramref name="offset"/> + j), for the sixteen rows that start
    /// at <paramref name="first"/> and are <paramref name="stride"/> floats apart. Sixteen floats are read from each
    /// row at <paramref name="offset"/>, so the caller guarantees offset + 16 floats of the last row are readable
    /// (features past a row's end come from the next row and must be ignored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose(ref float first, int stride, int offset, Span<Vector512<float>> columns)
    {
        if (columns.Length < Size)
        {
            throw new ArgumentException("Sixteen columns are needed.", nameof(columns));
        }

        // Kept in small helpers: the JIT will not inline a method with more than 32 locals, and a call per tile
        // costs more than the transpose itself.
        ref float at = ref Unsafe.Add(ref first, offset);
        nuint s = (nuint)stride;
        Interleave(ref at, s, out var b0, out var b1, out var b2, out var b3);
        Interleave(ref Unsafe.Add(ref at, 4 * s), s, out var b4, out var b5, out var b6, out var b7);
        Interleave(ref Unsafe.Add(ref at, 8 * s), s, out var b8, out var b9, out var b10, out var b11);
        Interleave(ref Unsafe.Add(ref at, 12 * s), s, out var b12, out var b13, out var b14, out var b15);

        // Stages 3 and 4: gather the four row groups of each feature across 128-bit lanes.
        Gather(b0, b4, b8, b12, columns, 0);
        Gather(b1, b5, b9, b13, columns, 1);
        Gather(b2, b6, b10, b14, columns, 2);
        Gather(b3, b7, b11, b15, columns, 3);
    }

    // Stages 1 and 2 for four rows: 32-bit then 64-bit interleaves, so b(c) holds, in 128-bit lane L, the four rows'
    // feature 4L + c.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(
        ref float row, nuint stride,
        out Vector512<float> b0, out Vector512<float> b1, out Vector512<float> b2, out Vector512<float> b3)
    {
        var r0 = Vector512.LoadUnsafe(ref row);
        var r1 = Vector512.LoadUnsafe(ref row, stride);
        var r2 = Vector512.LoadUnsafe(ref row, 2 * stride);
        var r3 = Vector512.LoadUnsafe(ref row, 3 * stride);
        var a0 = Avx512F.UnpackLow(r0, r1).AsDouble();
        var a1 = Avx512F.UnpackHigh(r0, r1).AsDouble();
        var a2 = Avx512F.UnpackLow(r2, r3).AsDouble();
        var a3 = Avx512F.UnpackHigh(r2, r3).AsDouble();
        b0 = Avx512F.UnpackLow(a0, a2).AsSingle();
        b1 = Avx512F.UnpackHigh(a0, a2).AsSingle();
        b2 = Avx512F.UnpackLow(a1, a3).AsSingle();
        b3 = Avx512F.UnpackHigh(a1, a3).AsSingle();
    }

    // g0..g3 hold rows 0-3, 4-7, 8-11, 12-15 of features c, 4 + c, 8 + c, 12 + c (one per 128-bit lane).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gather(
        Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3, Span<Vector512<float>> columns, int c)
    {
        var lowHalves01 = Avx512F.Shuffle4x128(g0, g1, 0x44);
        var highHalves01 = Avx512F.Shuffle4x128(g0, g1, 0xEE);
        var lowHalves23 = Avx512F.Shuffle4x128(g2, g3, 0x44);
        var highHalves23 = Avx512F.Shuffle4x128(g2, g3, 0xEE);
        columns[c] = Avx512F.Shuffle4x128(lowHalves01, lowHalves23, 0x88);
        columns[4 + c] = Avx512F.Shuffle4x128(lowHalves01, lowHalves23, 0xDD);
        columns[8 + c] = Avx512F.Shuffle4x128(highHalves01, highHalves23, 0x88);
        columns[12 + c] = Avx512F.Shuffle4x128(highHalves01, highHalves23, 0xDD);
    }
}
