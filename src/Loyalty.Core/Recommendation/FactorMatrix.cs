using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Loyalty.Core.Recommendation;

/// <summary>A row-major float32 matrix whose rows are padded to a multiple of 16 floats and start on 64-byte
/// boundaries, so every row is a whole number of Vector512 loads and never straddles a cache line needlessly.</summary>
/// <remarks>The storage is a pinned array (pinned object heap), so the alignment computed once stays valid. The
/// padding is zero and the SGD and CG kernels keep it zero.</remarks>
internal sealed class FactorMatrix
{
    private const int AlignFloats = 16;
    private readonly float[] _data;
    private readonly int _offset;

    /// <param name="rows">Row count.</param>
    /// <param name="columns">Logical columns (factors).</param>
    /// <param name="reserved">Extra cells kept free after the logical columns inside the padded row (SGD training
    /// keeps the biases there, see <see cref="AugmentedFactors"/>).</param>
    internal FactorMatrix(int rows, int columns, int reserved = 0)
    {
        Rows = rows;
        Columns = columns;
        int width = columns + reserved;
        Stride = width == 0 ? 0 : (width + AlignFloats - 1) / AlignFloats * AlignFloats;
        _data = GC.AllocateArray<float>((rows * Stride) + AlignFloats, pinned: true);
        _offset = AlignmentOffset(_data);
    }

    internal int Rows { get; }

    /// <summary>The logical number of columns (factors).</summary>
    internal int Columns { get; }

    /// <summary>The padded row length.</summary>
    internal int Stride { get; }

    /// <summary>The whole backing array (alignment slack and padding are zero): for screens that read every value.</summary>
    internal float[] Storage => _data;

    /// <summary>The whole padded row (zero padding included): what the kernels take.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<float> Row(int row) => _data.AsSpan(_offset + (row * Stride), Stride);

    /// <summary>Asks the CPU to start loading a row into cache (a hint; no effect where unsupported).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal unsafe void Prefetch(int row)
    {
        if (Sse.IsSupported && Stride > 0)
        {
            byte* start = (byte*)Unsafe.AsPointer(ref _data[_offset + (row * Stride)]);
            for (int b = 0; b < Stride * sizeof(float); b += 64)
            {
                Sse.Prefetch0(start + b);
            }
        }
    }

    /// <summary>The logical part of the row.</summary>
    internal Span<float> Logical(int row) => _data.AsSpan(_offset + (row * Stride), Columns);

    /// <summary>Fills the logical cells with N(mean, stdDev) draws, row by row, from <paramref name="random"/>.</summary>
    internal void FillNormal(Random random, float mean, float stdDev)
    {
        for (int r = 0; r < Rows; r++)
        {
            var row = Logical(r);
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = mean + (stdDev * Gaussian.Next(random));
            }
        }
    }

    /// <summary>A copy with <paramref name="rows"/> rows (extra rows zero), for models that grow.</summary>
    internal FactorMatrix CopyResized(int rows)
    {
        var copy = new FactorMatrix(rows, Columns);
        for (int r = 0; r < Math.Min(rows, Rows); r++)
        {
            Row(r).CopyTo(copy.Row(r));
        }

        return copy;
    }

    private static unsafe int AlignmentOffset(float[] data)
    {
        // Pinned: the address does not change, so the offset to the next 64-byte boundary is fixed.
        nint address = (nint)Unsafe.AsPointer(ref data[0]);
        int misalignment = (int)(address & (Vector512<byte>.Count - 1));
        return misalignment == 0 ? 0 : (Vector512<byte>.Count - misalignment) / sizeof(float);
    }
}
