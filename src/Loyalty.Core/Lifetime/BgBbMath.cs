using Loyalty.Core.Numerics;

namespace Loyalty.Core.Lifetime;

/// <summary>The BG/BB likelihood (Fader, Hardie &amp; Shang 2010) over <see cref="Dual"/>: value and exact gradient.</summary>
/// <remarks>L(x, t_x, n) = B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ)
/// + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β)·B(γ+1, δ+t_x+i)/B(γ,δ), summed in log space.</remarks>
internal static class BgBbMath
{
    internal static Dual LogLikelihood(Dual alpha, Dual beta, Dual gamma, Dual delta, int x, int tx, int n)
    {
        Dual lnBab = Dual.LogBeta(alpha, beta);
        Dual lnBgd = Dual.LogBeta(gamma, delta);
        Dual total = Dual.LogBeta(alpha + x, beta + (n - x)) - lnBab + Dual.LogBeta(gamma, delta + n) - lnBgd;
        for (int i = 0; i < n - tx; i++)
        {
            Dual term = Dual.LogBeta(alpha + x, beta + (tx - x + i)) - lnBab + Dual.LogBeta(gamma + 1, delta + (tx + i)) - lnBgd;
            total = Dual.LogAddExp(total, term);
        }

        return total;
    }

    internal static double LogLikelihood(double alpha, double beta, double gamma, double delta, int x, int tx, int n) =>
        LogLikelihood(new Dual(alpha), new Dual(beta), new Dual(gamma), new Dual(delta), x, tx, n).V;

    /// <summary>ln P(alive in period n+1 and history) − ln L: the posterior probability of being alive for the next
    /// opportunity.</summary>
    internal static double ProbabilityAlive(double alpha, double beta, double gamma, double delta, int x, int tx, int n)
    {
        double lnAliveJoint = Special.LogBeta(alpha + x, beta + n - x) - Special.LogBeta(alpha, beta)
            + Special.LogBeta(gamma, delta + n + 1) - Special.LogBeta(gamma, delta);
        return Math.Exp(lnAliveJoint - LogLikelihood(alpha, beta, gamma, delta, x, tx, n));
    }

    /// <summary>E[X(n, n+k) | x, t_x, n] = B(α+x+1, β+n−x)/B(α,β)·Σ_{i=1}^{k} B(γ, δ+n+i)/B(γ,δ) / L.</summary>
    internal static double ExpectedPurchases(double alpha, double beta, double gamma, double delta, int x, int tx, int n, int k)
    {
        if (k == 0)
        {
            return 0;
        }

        double lnL = LogLikelihood(alpha, beta, gamma, delta, x, tx, n);
        double lnBuy = Special.LogBeta(alpha + x + 1, beta + n - x) - Special.LogBeta(alpha, beta) - Special.LogBeta(gamma, delta) - lnL;
        double sum = 0;
        for (int i = 1; i <= k; i++)
        {
            sum += Math.Exp(lnBuy + Special.LogBeta(gamma, delta + n + i));
        }

        return sum;
    }

    /// <summary>E[X(n)] = α/(α+β)·Σ_{i=1}^{n} B(γ, δ+i)/B(γ,δ).</summary>
    internal static double ExpectedPurchasesUnconditional(double alpha, double beta, double gamma, double delta, int n)
    {
        double lnBgd = Special.LogBeta(gamma, delta);
        double sum = 0;
        for (int i = 1; i <= n; i++)
        {
            sum += Math.Exp(Special.LogBeta(gamma, delta + i) - lnBgd);
        }

        return alpha / (alpha + beta) * sum;
    }

    /// <summary>P(X(n) = x) = C(n,x)·B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ)
    /// + Σ_{i=x}^{n−1} C(i,x)·B(α+x, β+i−x)/B(α,β)·B(γ+1, δ+i)/B(γ,δ).</summary>
    internal static double ProbabilityOfPurchases(double alpha, double beta, double gamma, double delta, int n, int x)
    {
        if (x > n)
        {
            return 0;
        }

        double lnBab = Special.LogBeta(alpha, beta), lnBgd = Special.LogBeta(gamma, delta);
        double p = Math.Exp(LogChoose(n, x) + Special.LogBeta(alpha + x, beta + n - x) - lnBab + Special.LogBeta(gamma, delta + n) - lnBgd);
        for (int i = x; i < n; i++)
        {
            p += Math.Exp(LogChoose(i, x) + Special.LogBeta(alpha + x, beta + i - x) - lnBab + Special.LogBeta(gamma + 1, delta + i) - lnBgd);
        }

        return p;
    }

    private static double LogChoose(int n, int k) => Special.LogGamma(n + 1) - Special.LogGamma(k + 1) - Special.LogGamma(n - k + 1);
}
