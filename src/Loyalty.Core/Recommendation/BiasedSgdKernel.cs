using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Recommendation;

/// <summary>One rating's biased-SGD step on augmented rows (<see cref="AugmentedFactors"/>) in a single fused pass:
/// e = r − (μ + p·q), where p·q already holds b_u + b_i; then p ← s_p ⊙ p + γe·(m_p ⊙ q) and
/// q ← s_q ⊙ q + γe·(m_q ⊙ p) from the old values (<see cref="SgdLanes"/>). That is Surprise's rule:
/// b_u += γ(e − λ_b b_u), b_i += γ(e − λ_b b_i), p_u += γ(e q_i − λ p_u), q_i += γ(e p_u − λ q_i).</summary>
/// <remarks>Whole vectors below the first bias cell use the scalar shrink and gain (one multiply and one FMA per
/// element); only the vector holding the bias cells reads the per-cell constants. Two dot accumulators hide the FMA
/// latency. Rows must be whole padded rows of equal length (a multiple of 16).</remarks>
internal static class BiasedSgdKernel
{
    /// <summary>The step on the widest accelerated vectors; returns e.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Step(Span<float> p, Span<float> q, float rating, float mean, SgdLanes lanes)
    {
        if (p.Length != q.Length || p.Length != lanes.GainP.Length)
        {
            ThrowLengthMismatch();
        }

        if (Vector512.IsHardwareAccelerated && p.Length % Vector512<float>.Count == 0)
        {
            return Step512(p, q, rating, mean, lanes);
        }

        if (Vector256.IsHardwareAccelerated && p.Length % Vector256<float>.Count == 0)
        {
            return Step256(p, q, rating, mean, lanes);
        }

        return StepLanes(p, q, rating, mean, lanes);
    }

    /// <summary>Vector512 path (internal so tests can call it directly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Step512(Span<float> p, Span<float> q, float rating, float mean, SgdLanes lanes)
    {
        const int W = 16; // Vector512<float>.Count
        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float rq = ref MemoryMarshal.GetReference(q);
        int n = p.Length;
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

        float error = rating - (mean + Vector512.Sum(a0 + a1));
        float gain = lanes.LearningRate * error;
        var g = Vector512.Create(gain);
        var s = Vector512.Create(lanes.Shrink);
        int tail = lanes.Factors / W * W;
        for (i = 0; i < tail; i += W)
        {
            var vp = Vector512.LoadUnsafe(ref rp, (nuint)i);
            var vq = Vector512.LoadUnsafe(ref rq, (nuint)i);
            Vector512.FusedMultiplyAdd(g, vq, vp * s).StoreUnsafe(ref rp, (nuint)i);
            Vector512.FusedMultiplyAdd(g, vp, vq * s).StoreUnsafe(ref rq, (nuint)i);
        }

        ref float sp = ref MemoryMarshal.GetArrayDataReference(lanes.ShrinkP);
        ref float mp = ref MemoryMarshal.GetArrayDataReference(lanes.GainP);
        ref float sq = ref MemoryMarshal.GetArrayDataReference(lanes.ShrinkQ);
        ref float mq = ref MemoryMarshal.GetArrayDataReference(lanes.GainQ);
        for (; i < n; i += W)
        {
            var vp = Vector512.LoadUnsafe(ref rp, (nuint)i);
            var vq = Vector512.LoadUnsafe(ref rq, (nuint)i);
            var gp = g * Vector512.LoadUnsafe(ref mp, (nuint)i);
            var gq = g * Vector512.LoadUnsafe(ref mq, (nuint)i);
            Vector512.FusedMultiplyAdd(gp, vq, vp * Vector512.LoadUnsafe(ref sp, (nuint)i)).StoreUnsafe(ref rp, (nuint)i);
            Vector512.FusedMultiplyAdd(gq, vp, vq * Vector512.LoadUnsafe(ref sq, (nuint)i)).StoreUnsafe(ref rq, (nuint)i);
        }

        return error;
    }

    /// <summary>Vector256 path, for CPUs without AVX-512 (internal so tests can call it directly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Step256(Span<float> p, Span<float> q, float rating, float mean, SgdLanes lanes)
    {
        const int W = 8; // Vector256<float>.Count
        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float rq = ref MemoryMarshal.GetReference(q);
        int n = p.Length;
        var a0 = Vector256<float>.Zero;
        var a1 = Vector256<float>.Zero;
        int i = 0;
        for (; i <= n - (2 * W); i += 2 * W)
        {
            a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rp, (nuint)i), Vector256.LoadUnsafe(ref rq, (nuint)i), a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rp, (nuint)(i + W)), Vector256.LoadUnsafe(ref rq, (nuint)(i + W)), a1);
        }

        if (i < n)
        {
            a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rp, (nuint)i), Vector256.LoadUnsafe(ref rq, (nuint)i), a0);
        }

        float error = rating - (mean + Vector256.Sum(a0 + a1));
        float gain = lanes.LearningRate * error;
        var g = Vector256.Create(gain);
        var s = Vector256.Create(lanes.Shrink);
        int tail = lanes.Factors / W * W;
        for (i = 0; i < tail; i += W)
        {
            var vp = Vector256.LoadUnsafe(ref rp, (nuint)i);
            var vq = Vector256.LoadUnsafe(ref rq, (nuint)i);
            Vector256.FusedMultiplyAdd(g, vq, vp * s).StoreUnsafe(ref rp, (nuint)i);
            Vector256.FusedMultiplyAdd(g, vp, vq * s).StoreUnsafe(ref rq, (nuint)i);
        }

        ref float sp = ref MemoryMarshal.GetArrayDataReference(lanes.ShrinkP);
        ref float mp = ref MemoryMarshal.GetArrayDataReference(lanes.GainP);
        ref float sq = ref MemoryMarshal.GetArrayDataReference(lanes.ShrinkQ);
        ref float mq = ref MemoryMarshal.GetArrayDataReference(lanes.GainQ);
        for (; i < n; i += W)
        {
            var vp = Vector256.LoadUnsafe(ref rp, (nuint)i);
            var vq = Vector256.LoadUnsafe(ref rq, (nuint)i);
            var gp = g * Vector256.LoadUnsafe(ref mp, (nuint)i);
            var gq = g * Vector256.LoadUnsafe(ref mq, (nuint)i);
            Vector256.FusedMultiplyAdd(gp, vq, vp * Vector256.LoadUnsafe(ref sp, (nuint)i)).StoreUnsafe(ref rp, (nuint)i);
            Vector256.FusedMultiplyAdd(gq, vp, vq * Vector256.LoadUnsafe(ref sq, (nuint)i)).StoreUnsafe(ref rq, (nuint)i);
        }

        return error;
    }

    /// <summary>Element by element with the per-cell constants: the path without vector hardware.</summary>
    internal static float StepLanes(Span<float> p, Span<float> q, float rating, float mean, SgdLanes lanes)
    {
        float dot = 0f;
        for (int c = 0; c < p.Length; c++)
        {
            dot += p[c] * q[c];
        }

        float error = rating - (mean + dot);
        float gain = lanes.LearningRate * error;
        for (int c = 0; c < p.Length; c++)
        {
            float op = p[c];
            float oq = q[c];
            p[c] = (lanes.ShrinkP[c] * op) + (gain * lanes.GainP[c] * oq);
            q[c] = (lanes.ShrinkQ[c] * oq) + (gain * lanes.GainQ[c] * op);
        }

        return error;
    }

    /// <summary>Scalar reference written as Surprise's loop on the augmented layout (b_u at p[k], b_i at q[k + 1]):
    /// what the vector paths are tested against.</summary>
    internal static float StepScalar(
        Span<float> p, Span<float> q, int factors, float rating, float mean, float learningRate, float regularization,
        float biasRegularization, bool useBiases)
    {
        int k = factors;
        float dot = 0f;
        for (int f = 0; f < k; f++)
        {
            dot += q[f] * p[f];
        }

        float error = rating - (mean + p[k] + q[k + 1] + dot);
        if (useBiases)
        {
            p[k] += learningRate * (error - (biasRegularization * p[k]));
            q[k + 1] += learningRate * (error - (biasRegularization * q[k + 1]));
        }

        for (int f = 0; f < k; f++)
        {
            float pf = p[f];
            float qf = q[f];
            p[f] += learningRate * ((error * qf) - (regularization * pf));
            q[f] += learningRate * ((error * pf) - (regularization * qf));
        }

        return error;
    }

    private static void ThrowLengthMismatch() =>
        throw new ArgumentException("The rows and the lane constants must have the same length.");
}
