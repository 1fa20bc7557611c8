namespace Loyalty.Core.Numerics;

/// <summary>The Hessian by central differences of an analytic gradient: O(h²) accurate, 2n gradient calls.</summary>
internal static class NumericalHessian
{
    internal static double[,] Compute(Objective f, ReadOnlySpan<double> x)
    {
        int n = x.Length;
        var h = new double[n, n];
        var xp = x.ToArray();
        var gPlus = new double[n];
        var gMinus = new double[n];
        for (int j = 0; j < n; j++)
        {
            // Step ~ eps^(1/3) balances truncation O(h²) against rounding O(eps/h) for a central difference.
            double step = 6e-6 * Math.Max(1.0, Math.Abs(x[j]));
            xp[j] = x[j] + step;
            f(xp, gPlus);
            xp[j] = x[j] - step;
            f(xp, gMinus);
            xp[j] = x[j];
            for (int i = 0; i < n; i++)
            {
                h[i, j] = (gPlus[i] - gMinus[i]) / (2 * step);
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double mean = 0.5 * (h[i, j] + h[j, i]);
                h[i, j] = mean;
                h[j, i] = mean;
            }
        }

        return h;
    }
}
