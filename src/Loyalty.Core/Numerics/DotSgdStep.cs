using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Numerics;

internal static partial class DotKernels
{
    /// <summary>The simultaneous factor update of biased SGD: p ← s·p + g·q and q ← s·q + g·p (old p), where
    /// <paramref name="gain"/> g = γ·e and <paramref name="shrink"/> s = 1 − γ·λ.</summary>
    /// <remarks>Written as one multiply and one FMA per element, which is γ(e·q − λ·p) added to p up to rounding.
    /// Zero padding stays zero, so padded rows can be passed whole.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SgdStep(Span<float> p, Span<float> q, float gain, float shrink)
    {
        if (p.Length != q.Length)
        {
            ThrowLengthMismatch();
        }

        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float rq = ref MemoryMarshal.GetReference(q);
        int n = p.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var g = Vector512.Create(gain);
            var s = Vector512.Create(shrink);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var vp = Vector512.LoadUnsafe(ref rp, (nuint)i);
                var vq = Vector512.LoadUnsafe(ref rq, (nuint)i);
                Vector512.FusedMultiplyAdd(g, vq, vp * s).StoreUnsafe(ref rp, (nuint)i);
                Vector512.FusedMultiplyAdd(g, vp, vq * s).StoreUnsafe(ref rq, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var g = Vector256.Create(gain);
            var s = Vector256.Create(shrink);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var vp = Vector256.LoadUnsafe(ref rp, (nuint)i);
                var vq = Vector256.LoadUnsafe(ref rq, (nuint)i);
                Vector256.FusedMultiplyAdd(g, vq, vp * s).StoreUnsafe(ref rp, (nuint)i);
                Vector256.FusedMultiplyAdd(g, vp, vq * s).StoreUnsafe(ref rq, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float op = Unsafe.Add(ref rp, i);
            float oq = Unsafe.Add(ref rq, i);
            Unsafe.Add(ref rp, i) = MathF.FusedMultiplyAdd(gain, oq, op * shrink);
            Unsafe.Add(ref rq, i) = MathF.FusedMultiplyAdd(gain, op, oq * shrink);
        }
    }

    /// <summary>Scalar reference for <see cref="SgdStep"/>, written as the textbook rule.</summary>
    internal static void SgdStepScalar(Span<float> p, Span<float> q, float learningRate, float error, float regularization)
    {
        if (p.Length != q.Length)
        {
            ThrowLengthMismatch();
        }

        for (int i = 0; i < p.Length; i++)
        {
            float op = p[i];
            float oq = q[i];
            p[i] = op + (learningRate * ((error * oq) - (regularization * op)));
            q[i] = oq + (learningRate * ((error * op) - (regularization * oq)));
        }
    }
}
