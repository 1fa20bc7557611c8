using Loyalty.Core.Numerics;

namespace Loyalty.Core.Lifetime;

/// <summary>
/// Predictions shared by BG/NBD (<c>modified = false</c>) and MBG/NBD (<c>modified = true</c>), in forms that stay
/// finite for customers with hundreds of purchases and for a = 1.
/// </summary>
internal static class BgNbdMath
{
    /// <summary>P(alive | x, t_x, T) = 1 / (1 + δ·a/(b + x − 1 + m)·((α+T)/(α+t_x))^{r+x}), as a logistic in logs.</summary>
    internal static double ProbabilityAlive(double r, double alpha, double a, double b, bool modified, in CustomerSummary c)
    {
        int x = c.Frequency;
        if (x == 0 && !modified)
        {
            return 1.0;
        }

        double logOdds = Math.Log(a) - Math.Log(b + x - (modified ? 0 : 1)) + ((r + x) * (Math.Log(alpha + c.T) - Math.Log(alpha + c.Recency)));
        return LogMath.InverseOnePlusExp(logOdds);
    }

    /// <summary>E[Y(t) | x, t_x, T] = c/(a − 1)·[1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x+m; c; z)]·P(alive),
    /// c = a + b + x − 1 + m, z = t/(α+T+t), evaluated through Euler's transformation.</summary>
    internal static double ExpectedPurchases(double r, double alpha, double a, double b, bool modified, in CustomerSummary c, double t)
    {
        if (t == 0)
        {
            return 0;
        }

        int m = modified ? 1 : 0;
        double ageA = alpha + c.T;
        double z = t / (ageA + t);
        double logOneMinusZ = -double.LogP1(t / ageA);
        double completion = Hypergeometric.ScaledCompletion(a + b - 1 + m - r, a, a + b + c.Frequency - 1 + m, z, logOneMinusZ);
        return completion * ProbabilityAlive(r, alpha, a, b, modified, c);
    }

    /// <summary>E[X(t)]: BG/NBD (a+b−1)/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]; MBG/NBD
    /// b/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].</summary>
    internal static double ExpectedPurchasesUnconditional(double r, double alpha, double a, double b, bool modified, double t)
    {
        if (t == 0)
        {
            return 0;
        }

        double z = t / (alpha + t);
        double logOneMinusZ = -double.LogP1(t / alpha);
        if (!modified)
        {
            return Hypergeometric.ScaledCompletion(a + b - 1 - r, a, a + b - 1, z, logOneMinusZ);
        }

        return b / (a + b) * Hypergeometric.ScaledCompletion(a + b - r, a, a + b, z, logOneMinusZ);
    }

    /// <summary>P(X(t) = n) for a new customer.</summary>
    /// <remarks>With N(t) ~ NB(r, α/(α+t)) the purchases of a customer who never drops out: BG/NBD
    /// B(a, b+n)/B(a, b)·P(N = n) + [n &gt; 0]·B(a+1, b+n−1)/B(a, b)·P(N ≥ n); MBG/NBD (dropout also possible at
    /// time 0) B(a, b+n)/B(a, b)·P(N = n) + B(a+1, b+n)/B(a, b)·P(N ≥ n+1). The tails are regularized incomplete
    /// betas, P(N ≥ k) = I_{t/(α+t)}(k, r), so there is no 1 − (sum) cancellation.</remarks>
    internal static double ProbabilityOfPurchases(double r, double alpha, double a, double b, bool modified, double t, int n)
    {
        double lnBab = Special.LogBeta(a, b);
        double p = t / (alpha + t);
        double logPmf = t == 0
            ? (n == 0 ? 0 : double.NegativeInfinity)
            : Special.LogRising(r, n) - Special.LogGamma(n + 1) + (r * -double.LogP1(t / alpha)) + (n == 0 ? 0 : n * Math.Log(p));
        double stay = Math.Exp(Special.LogBeta(a, b + n) - lnBab + logPmf);
        if (!modified)
        {
            return n == 0 ? stay : stay + (Math.Exp(Special.LogBeta(a + 1, b + n - 1) - lnBab) * Special.BetaRegularized(n, r, p));
        }

        return stay + (Math.Exp(Special.LogBeta(a + 1, b + n) - lnBab) * Special.BetaRegularized(n + 1, r, p));
    }
}
