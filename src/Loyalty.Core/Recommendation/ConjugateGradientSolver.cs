using Loyalty.Core.Numerics;

namespace Loyalty.Core.Recommendation;

/// <summary>One implicit-ALS row solve by conjugate gradient (Takács et al. 2011, as in the implicit library):
/// (YᵀY + Yᵀ(C_u − I)Y + λI) x = YᵀC_u p(u), warm-started from the current x, never forming the k×k system per row.</summary>
internal sealed class ConjugateGradientSolver
{
    private readonly float[] _r;
    private readonly float[] _p;
    private readonly float[] _ap;

    internal ConjugateGradientSolver(int stride)
    {
        _r = new float[stride];
        _p = new float[stride];
        _ap = new float[stride];
    }

    /// <summary>Improves <paramref name="x"/> in place. <paramref name="gram"/> holds YᵀY row by row (stride-padded).
    /// <paramref name="columns"/>/<paramref name="strengths"/> are the row's observed entries.</summary>
    internal void Solve(
        Span<float> x, FactorMatrix gram, FactorMatrix other, ReadOnlySpan<int> columns, ReadOnlySpan<float> strengths,
        float alpha, float regularization, int steps)
    {
        // r = b − A·x with b = Σ c_i·y_i (preference 1 for every observed entry).
        Multiply(x, _ap, gram, other, columns, strengths, alpha, regularization);
        var r = _r.AsSpan();
        r.Clear();
        for (int n = 0; n < columns.Length; n++)
        {
            DotKernels.Axpy(1f + (alpha * strengths[n]), other.Row(columns[n]), r);
        }

        DotKernels.Axpy(-1f, _ap, r);
        r.CopyTo(_p);
        float rsOld = DotKernels.Dot(r, r);
        for (int step = 0; step < steps && rsOld > 1e-20f; step++)
        {
            Multiply(_p, _ap, gram, other, columns, strengths, alpha, regularization);
            float pAp = DotKernels.Dot(_p, _ap);
            if (!(pAp > 0f))
            {
                break; // numerically converged: A is positive definite, so p·Ap ≤ 0 only from rounding
            }

            float a = rsOld / pAp;
            DotKernels.Axpy(a, _p, x);
            DotKernels.Axpy(-a, _ap, r);
            float rsNew = DotKernels.Dot(r, r);
            DotKernels.ScaleAdd(_p, rsNew / rsOld, 1f, r);
            rsOld = rsNew;
        }
    }

    /// <summary>result = (YᵀY + λI)·v + Σ (c_i − 1)(y_i·v)·y_i.</summary>
    private static void Multiply(
        ReadOnlySpan<float> v, Span<float> result, FactorMatrix gram, FactorMatrix other, ReadOnlySpan<int> columns,
        ReadOnlySpan<float> strengths, float alpha, float regularization)
    {
        result.Clear();
        for (int f = 0; f < gram.Rows; f++)
        {
            result[f] = DotKernels.Dot(gram.Row(f), v) + (regularization * v[f]);
        }

        for (int n = 0; n < columns.Length; n++)
        {
            var y = other.Row(columns[n]);
            DotKernels.Axpy(alpha * strengths[n] * DotKernels.Dot(y, v), y, result);
        }
    }
}
