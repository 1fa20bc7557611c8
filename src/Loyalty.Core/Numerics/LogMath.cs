namespace Loyalty.Core.Numerics;

/// <summary>Log-space arithmetic used by the likelihoods, so that products of tiny probabilities never underflow.</summary>
internal static class LogMath
{
    /// <summary>ln(e^a + e^b), shifted by the larger argument so that neither exponential overflows.</summary>
    internal static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        return a > b ? a + Math.Log(1.0 + Math.Exp(b - a)) : b + Math.Log(1.0 + Math.Exp(a - b));
    }

    /// <summary>ln Σ e^{v_i}, max-shifted; −∞ for an empty span.</summary>
    internal static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>1 / (1 + e^z) without overflow: the logistic of −z.</summary>
    internal static double InverseOnePlusExp(double z) =>
        z > 0 ? Math.Exp(-z) / (1.0 + Math.Exp(-z)) : 1.0 / (1.0 + Math.Exp(z));

    /// <summary>(1 − e^{k·y}) / k, continuous at k = 0 where it is −y; accurate for small k·y through expm1.</summary>
    internal static double OneMinusExpOver(double k, double y)
    {
        double ky = k * y;
        return Math.Abs(ky) < 1e-300 || k == 0 ? -y : -double.ExpM1(ky) / k;
    }
}
