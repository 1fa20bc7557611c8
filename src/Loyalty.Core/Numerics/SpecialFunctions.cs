using MathNet.Numerics;

namespace Loyalty.Core.Numerics;

/// <summary>Gamma-family functions the lifetime models need, on top of MathNet's lnΓ and ψ.</summary>
internal static class Special
{
    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    internal static double LogGamma(double x) => SpecialFunctions.GammaLn(x);

    /// <summary>Digamma ψ(x) = d/dx ln Γ(x) for x &gt; 0, to ~1e-15 relative.</summary>
    /// <remarks>Recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the asymptotic series
    /// ψ(x) = ln x − 1/(2x) − Σ B₂ₖ/(2k·x^{2k}) with seven terms. Written here because the fitters' line searches need a
    /// gradient consistent with lnΓ to near machine precision, tighter than MathNet's ψ delivers.</remarks>
    internal static double Digamma(double x)
    {
        if (!(x > 0))
        {
            return x == Math.Floor(x) ? double.NaN : SpecialFunctions.DiGamma(x);
        }

        double result = 0;
        while (x < 10)
        {
            result -= 1.0 / x;
            x += 1;
        }

        double inv2 = 1.0 / (x * x);
        double series = inv2 * ((1.0 / 12) - (inv2 * ((1.0 / 120) - (inv2 * ((1.0 / 252) - (inv2 * ((1.0 / 240) - (inv2 * ((1.0 / 132) - (inv2 * ((691.0 / 32760) - (inv2 / 12))))))))))));
        return result + Math.Log(x) - (0.5 / x) - series;
    }

    /// <summary>ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b).</summary>
    internal static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>Regularized incomplete beta I_x(a, b).</summary>
    internal static double BetaRegularized(double a, double b, double x) =>
        x <= 0 ? 0 : x >= 1 ? 1 : SpecialFunctions.BetaRegularized(a, b, x);

    /// <summary>ln Γ(b + n) − ln Γ(b) for integer n ≥ 0: a sum of logs when short (exact and cheap), else lnΓ.</summary>
    internal static double LogRising(double b, int n)
    {
        if (n < 32)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                s += Math.Log(b + j);
            }

            return s;
        }

        return LogGamma(b + n) - LogGamma(b);
    }
}

/// <summary>
/// ln Γ(b + n) − ln Γ(b) and its derivative ψ(b + n) − ψ(b) for every n = 0..max, built by recurrence in O(max): the
/// likelihoods need these for every distinct frequency at every optimizer step, so one table per step replaces
/// thousands of lnΓ and ψ calls.
/// </summary>
internal sealed class RisingTable
{
    private readonly double[] _log;
    private readonly double[] _derivative;

    internal RisingTable(int max)
    {
        _log = new double[max + 1];
        _derivative = new double[max + 1];
    }

    /// <summary>ln Γ(b + n) − ln Γ(b).</summary>
    internal double Log(int n) => _log[n];

    /// <summary>ψ(b + n) − ψ(b), the derivative of <see cref="Log"/> in b.</summary>
    internal double Derivative(int n) => _derivative[n];

    /// <summary>Fills the table for base <paramref name="b"/>.</summary>
    internal void Fill(double b)
    {
        double log = 0, d = 0;
        _log[0] = 0;
        _derivative[0] = 0;
        for (int j = 1; j < _log.Length; j++)
        {
            double bj = b + j - 1;
            log += Math.Log(bj);
            d += 1.0 / bj;
            _log[j] = log;
            _derivative[j] = d;
        }
    }
}
