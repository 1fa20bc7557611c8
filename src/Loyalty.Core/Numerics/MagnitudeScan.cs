using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Numerics;

/// <summary>Finds the first value that is NaN, infinite or larger in magnitude than a limit: the cheap per-epoch
/// screen of trained parameters and the up-front scale check of clustered points. One pass, vectorised; the scalar
/// loop is the reference (and the tail).</summary>
internal static class MagnitudeScan
{
    /// <summary>Index of the first value v with !(|v| ≤ <paramref name="limit"/>) (so NaN counts), or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int FirstBeyond(ReadOnlySpan<float> data, float limit)
    {
        ref float start = ref MemoryMarshal.GetReference(data);
        int i = 0;
        if (VectorDispatch.Is256)
        {
            var bound = Vector256.Create(limit);
            for (; i + Vector256<float>.Count <= data.Length; i += Vector256<float>.Count)
            {
                // NaN compares false, so it fails "all within" like a value past the limit.
                if (!Vector256.LessThanOrEqualAll(Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)i)), bound))
                {
                    break;
                }
            }
        }
        else if (VectorDispatch.Is128)
        {
            var bound = Vector128.Create(limit);
            for (; i + Vector128<float>.Count <= data.Length; i += Vector128<float>.Count)
            {
                if (!Vector128.LessThanOrEqualAll(Vector128.Abs(Vector128.LoadUnsafe(ref start, (nuint)i)), bound))
                {
                    break;
                }
            }
        }

        return FirstBeyondScalar(data, limit, i);
    }

    /// <summary>The reference: one value at a time from <paramref name="from"/>.</summary>
    internal static int FirstBeyondScalar(ReadOnlySpan<float> data, float limit, int from = 0)
    {
        for (int i = from; i < data.Length; i++)
        {
            if (!(Math.Abs(data[i]) <= limit))
            {
                return i;
            }
        }

        return -1;
    }
}
