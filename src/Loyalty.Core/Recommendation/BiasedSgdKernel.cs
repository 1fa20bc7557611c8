using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Recommendation;

/// <summary>One rating's biased-SGD step on augmented rows (<see cref="AugmentedFactors"/>) in a single fused pass:
/// e = r − (μ + p·q), where p·q already holds b_u + b_i; then p ← s_p ⊙ p + γe·(m_p ⊙ q) and
/// q ← s_q ⊙ q + γe·(m_q ⊙ p) from the old values (<see cref="SgdLanes"/>). That is Surprise's rule:
/// b_u += γ(e − λ_b b_u), b_i += γ(e − λ_b b_i), p_u += γ(e q_i − λ p_u), q_i += γ(e p_u − λ q_i).</summary>
/// <remarks>Whole vectors below the first bias cell use the scalar shrink and gain (one multiply and one FMA per
/// element); only the vector holding the bias cells reads the per-cell constants. Two dot accumulators hide the FMA
/// latency. Rows must be whole padded rows of equal length (a multiple of 16). One body serves every vector width
/// (<see cref="IVectorWidth{TVector}"/>).</remarks>
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

        if (VectorDispatch.Is512 && p.Length % Vector512<float>.Count == 0)
        {
            return Step<Width512, Vector512<float>>(p, q, rating, mean, lanes);
        }

        if (VectorDispatch.Is256 && p.Length % Vector256<float>.Count == 0)
        {
            return Step<Width256, Vector256<float>>(p, q, rating, mean, lanes);
        }

        if (VectorDispatch.Is128 && p.Length % Vector128<float>.Count == 0)
        {
            return Step<Width128, Vector128<float>>(p, q, rating, mean, lanes);
        }

        return StepLanes(p, q, rating, mean, lanes);
    }

    /// <summary>The step on one vector width; the row length must be a multiple of its lane count (internal so
    /// tests can call every width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Step<TWidth, TVector>(Span<float> p, Span<float> q, float rating, float mean, SgdLanes lanes)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        ref float rp = ref MemoryMarshal.GetReference(p);
        ref float rq = ref MemoryMarshal.GetReference(q);
        int n = p.Length;
        var a0 = TWidth.Zero;
        var a1 = TWidth.Zero;
        int i = 0;
        for (; i <= n - (2 * TWidth.Count); i += 2 * TWidth.Count)
        {
            nuint at = (nuint)i;
            a0 = TWidth.FusedMultiplyAdd(TWidth.Load(ref rp, at), TWidth.Load(ref rq, at), a0);
            a1 = TWidth.FusedMultiplyAdd(TWidth.Load(ref rp, (nuint)(i + TWidth.Count)), TWidth.Load(ref rq, (nuint)(i + TWidth.Count)), a1);
        }

        if (i < n)
        {
            a0 = TWidth.FusedMultiplyAdd(TWidth.Load(ref rp, (nuint)i), TWidth.Load(ref rq, (nuint)i), a0);
        }

        float error = rating - (mean + TWidth.Sum(TWidth.Add(a0, a1)));
        float gain = lanes.LearningRate * error;
        var g = TWidth.Broadcast(gain);
        var s = TWidth.Broadcast(lanes.Shrink);
        int tail = lanes.Factors / TWidth.Count * TWidth.Count;
        for (i = 0; i < tail; i += TWidth.Count)
        {
            nuint at = (nuint)i;
            var vp = TWidth.Load(ref rp, at);
            var vq = TWidth.Load(ref rq, at);
            TWidth.Store(TWidth.FusedMultiplyAdd(g, vq, TWidth.Multiply(vp, s)), ref rp, at);
            TWidth.Store(TWidth.FusedMultiplyAdd(g, vp, TWidth.Multiply(vq, s)), ref rq, at);
        }

        ref float sp = ref MemoryMarshal.GetArrayDataReference(lanes.ShrinkP);
        ref float mp = ref MemoryMarshal.GetArrayDataReference(lanes.GainP);
        ref float sq = ref MemoryMarshal.GetArrayDataReference(lanes.ShrinkQ);
        ref float mq = ref MemoryMarshal.GetArrayDataReference(lanes.GainQ);
        for (; i < n; i += TWidth.Count)
        {
            nuint at = (nuint)i;
            var vp = TWidth.Load(ref rp, at);
            var vq = TWidth.Load(ref rq, at);
            var gp = TWidth.Multiply(g, TWidth.Load(ref mp, at));
            var gq = TWidth.Multiply(g, TWidth.Load(ref mq, at));
            TWidth.Store(TWidth.FusedMultiplyAdd(gp, vq, TWidth.Multiply(vp, TWidth.Load(ref sp, at))), ref rp, at);
            TWidth.Store(TWidth.FusedMultiplyAdd(gq, vp, TWidth.Multiply(vq, TWidth.Load(ref sq, at))), ref rq, at);
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
