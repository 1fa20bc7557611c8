using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Numerics;

internal static partial class DotKernels
{
    /// <summary>One biased-SGD rating update in a single pass over the rows: e = rating − (baseline + p·q), then
    /// p ← s·p + γe·q and q ← s·q + γe·p (old p) with s = 1 − γλ. Returns e so the caller can step the biases.</summary>
    /// <remarks>Two dot accumulators hide the FMA latency; rows of 112 floats (100 factors padded) are seven
    /// Vector512 loads each, kept in registers between the dot product and the update.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float FusedSgd(Span<float> p, Span<float> q, float rating, float baseline, float learningRate, float shrink)
    {
        if (p.Length != q.Length)
        {
            ThrowLengthMismatch();
        }

        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float rq = ref MemoryMarshal.GetReference(q);
        int n = p.Length;
        if (Vector512.IsHardwareAccelerated && n % Vector512<float>.Count == 0)
        {
            return FusedSgd512(ref rp, ref rq, n, rating, baseline, learningRate, shrink);
        }

        float error = rating - (baseline + Dot(p, q));
        SgdStep(p, q, learningRate * error, shrink);
        return error;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float FusedSgd512(ref float rp, ref float rq, int n, float rating, float baseline, float learningRate, float shrink)
    {
        const int W = 16; // Vector512<float>.Count
        var a0 = Vector512<float>.Zero;
        var a1 = Vector512<float>.Zero;
        int i = 0;
        for (; i <= n - (2 * W); i += 2 * W)
        {
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rp, (nuint)i), Vector512.LoadUnsafe(ref rq, (nuint)i), a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rp, (nuint)(i + W)), Vector512.LoadUnsafe(ref rq, (nuint)(i + W)), a1);
        }

        if (i < n)
        {
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rp, (nuint)i), Vector512.LoadUnsafe(ref rq, (nuint)i), a0);
        }

        float error = rating - (baseline + Vector512.Sum(a0 + a1));
        var g = Vector512.Create(learningRate * error);
        var s = Vector512.Create(shrink);
        for (i = 0; i < n; i += W)
        {
            var vp = Vector512.LoadUnsafe(ref rp, (nuint)i);
            var vq = Vector512.LoadUnsafe(ref rq, (nuint)i);
            Vector512.FusedMultiplyAdd(g, vq, vp * s).StoreUnsafe(ref rp, (nuint)i);
            Vector512.FusedMultiplyAdd(g, vp, vq * s).StoreUnsafe(ref rq, (nuint)i);
        }

        return error;
    }

    /// <summary>Scalar reference for <see cref="FusedSgd"/>, written as Surprise's textbook rule.</summary>
    internal static float FusedSgdScalar(Span<float> p, Span<float> q, float rating, float baseline, float learningRate, float regularization)
    {
        float error = rating - (baseline + DotScalar(p, q));
        SgdStepScalar(p, q, learningRate, error, regularization);
        return error;
    }
}
