using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Loyalty.Core.Segmentation;

/// <summary>Sixteen rows × sixteen features turned into sixteen feature columns (one row per lane), with the classic
/// four-stage AVX-512 network: 32-bit interleaves, 64-bit interleaves, then two rounds of 128-bit lane shuffles —
/// 64 shuffles for 256 values. Kernels that put rows in lanes use it to read row-major data.</summary>
internal static class RowTile
{
    /// <summary>Rows (and features) per tile.</summary>
    internal const int Size = 16;

    /// <summary>Whether the tile kernels can run on this machine.</summary>
    internal static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

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

        ref float at = ref Unsafe.Add(ref first, offset);
        nuint s = (nuint)stride;
        var r0 = Vector512.LoadUnsafe(ref at);
        var r1 = Vector512.LoadUnsafe(ref at, s);
        var r2 = Vector512.LoadUnsafe(ref at, 2 * s);
        var r3 = Vector512.LoadUnsafe(ref at, 3 * s);
        var r4 = Vector512.LoadUnsafe(ref at, 4 * s);
        var r5 = Vector512.LoadUnsafe(ref at, 5 * s);
        var r6 = Vector512.LoadUnsafe(ref at, 6 * s);
        var r7 = Vector512.LoadUnsafe(ref at, 7 * s);
        var r8 = Vector512.LoadUnsafe(ref at, 8 * s);
        var r9 = Vector512.LoadUnsafe(ref at, 9 * s);
        var r10 = Vector512.LoadUnsafe(ref at, 10 * s);
        var r11 = Vector512.LoadUnsafe(ref at, 11 * s);
        var r12 = Vector512.LoadUnsafe(ref at, 12 * s);
        var r13 = Vector512.LoadUnsafe(ref at, 13 * s);
        var r14 = Vector512.LoadUnsafe(ref at, 14 * s);
        var r15 = Vector512.LoadUnsafe(ref at, 15 * s);

        // Stage 1: pairs of rows interleaved element by element within each 128-bit lane.
        var a0 = Avx512F.UnpackLow(r0, r1);
        var a1 = Avx512F.UnpackHigh(r0, r1);
        var a2 = Avx512F.UnpackLow(r2, r3);
        var a3 = Avx512F.UnpackHigh(r2, r3);
        var a4 = Avx512F.UnpackLow(r4, r5);
        var a5 = Avx512F.UnpackHigh(r4, r5);
        var a6 = Avx512F.UnpackLow(r6, r7);
        var a7 = Avx512F.UnpackHigh(r6, r7);
        var a8 = Avx512F.UnpackLow(r8, r9);
        var a9 = Avx512F.UnpackHigh(r8, r9);
        var a10 = Avx512F.UnpackLow(r10, r11);
        var a11 = Avx512F.UnpackHigh(r10, r11);
        var a12 = Avx512F.UnpackLow(r12, r13);
        var a13 = Avx512F.UnpackHigh(r12, r13);
        var a14 = Avx512F.UnpackLow(r14, r15);
        var a15 = Avx512F.UnpackHigh(r14, r15);

        // Stage 2: 64-bit interleaves; b(4g + c) holds, in 128-bit lane L, rows 4g..4g+3 of feature 4L + c.
        var b0 = Avx512F.UnpackLow(a0.AsDouble(), a2.AsDouble()).AsSingle();
        var b1 = Avx512F.UnpackHigh(a0.AsDouble(), a2.AsDouble()).AsSingle();
        var b2 = Avx512F.UnpackLow(a1.AsDouble(), a3.AsDouble()).AsSingle();
        var b3 = Avx512F.UnpackHigh(a1.AsDouble(), a3.AsDouble()).AsSingle();
        var b4 = Avx512F.UnpackLow(a4.AsDouble(), a6.AsDouble()).AsSingle();
        var b5 = Avx512F.UnpackHigh(a4.AsDouble(), a6.AsDouble()).AsSingle();
        var b6 = Avx512F.UnpackLow(a5.AsDouble(), a7.AsDouble()).AsSingle();
        var b7 = Avx512F.UnpackHigh(a5.AsDouble(), a7.AsDouble()).AsSingle();
        var b8 = Avx512F.UnpackLow(a8.AsDouble(), a10.AsDouble()).AsSingle();
        var b9 = Avx512F.UnpackHigh(a8.AsDouble(), a10.AsDouble()).AsSingle();
        var b10 = Avx512F.UnpackLow(a9.AsDouble(), a11.AsDouble()).AsSingle();
        var b11 = Avx512F.UnpackHigh(a9.AsDouble(), a11.AsDouble()).AsSingle();
        var b12 = Avx512F.UnpackLow(a12.AsDouble(), a14.AsDouble()).AsSingle();
        var b13 = Avx512F.UnpackHigh(a12.AsDouble(), a14.AsDouble()).AsSingle();
        var b14 = Avx512F.UnpackLow(a13.AsDouble(), a15.AsDouble()).AsSingle();
        var b15 = Avx512F.UnpackHigh(a13.AsDouble(), a15.AsDouble()).AsSingle();

        // Stages 3 and 4: gather the four row groups of each feature across 128-bit lanes.
        Gather(b0, b4, b8, b12, columns, 0);
        Gather(b1, b5, b9, b13, columns, 1);
        Gather(b2, b6, b10, b14, columns, 2);
        Gather(b3, b7, b11, b15, columns, 3);
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
