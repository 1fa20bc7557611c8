namespace Loyalty.Core.Feedback.Bandits;

/// <summary>Helpers that turn scores into action distributions that sum to 1.</summary>
internal static class ActionDistribution
{
    /// <summary>Uniform over the arms whose score ties for the maximum (ties within 1e-12, relative), 0 elsewhere:
    /// deterministic policies still log honest propensities when several arms are equally good.</summary>
    internal static double[] ArgmaxUniform(ReadOnlySpan<double> scores)
    {
        double best = double.NegativeInfinity;
        foreach (double s in scores)
        {
            best = Math.Max(best, s);
        }

        double tolerance = double.IsFinite(best) ? 1e-12 * Math.Max(1.0, Math.Abs(best)) : 0;
        var p = new double[scores.Length];
        int ties = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] >= best - tolerance)
            {
                p[i] = 1;
                ties++;
            }
        }

        for (int i = 0; i < p.Length; i++)
        {
            p[i] /= ties;
        }

        return p;
    }

    /// <summary>Uniform over all arms.</summary>
    internal static double[] Uniform(int count)
    {
        var p = new double[count];
        Array.Fill(p, 1.0 / count);
        return p;
    }
}
