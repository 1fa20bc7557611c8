using Loyalty.Core.Numerics;

namespace Loyalty.Core.Lifetime;

/// <summary>
/// The Pareto/NBD likelihood as a sum of positive terms, generic over <see cref="Dual"/> so that the same code gives
/// the value (predictions) and the exact gradient (fitting).
/// </summary>
/// <remarks>
/// Integrating the individual-level likelihood over λ ~ Gamma(r, α) and μ ~ Gamma(s, β) gives
/// L = Γ(r+x)α^r β^s / Γ(r) · [ (α+T)^{−(r+x)} (β+T)^{−s} + s·I ], I = ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ
/// (the "alive at T" and "died in (t_x, T]" terms; Fader &amp; Hardie note 009, eqs. 22–23, in integral form). With
/// (A, B, p, q) = (α, β, r+x, s+1) if α ≥ β, else (β, α, s+1, r+x), and M = r+s+x, expanding (B+τ)^{−q} around A gives
/// I = (A+t_x)^{−M} Σ_k (q)_k/k! · z^k · (1 − ρ^{M+k})/(M+k), z = (A−B)/(A+t_x) ∈ [0, 1), ρ = (A+t_x)/(A+T).
/// Every term is positive (no cancellation when t_x ≈ T, unlike the ₂F₁ difference form), 1 − ρ^{M+k} is built
/// from expm1 by a positive recurrence, α = β leaves only k = 0, and t_x = T makes I = 0.
/// </remarks>
internal static class ParetoNbdMath
{
    private const int MaxTerms = 1_000_000;

    /// <summary>ln of the bracket's two parts: ln[(α+T)^{−(r+x)}(β+T)^{−s}] and ln(s·I) (−∞ when t_x = T).</summary>
    internal static (Dual Alive, Dual Died) LogTerms(Dual r, Dual alpha, Dual s, Dual beta, int x, double tx, double T)
    {
        Dual rx = r + x;
        Dual alive = -(rx * Dual.Log(alpha + T)) - (s * Dual.Log(beta + T));
        if (!(tx < T))
        {
            return (alive, new Dual(double.NegativeInfinity));
        }

        bool alphaLarger = alpha.V >= beta.V;
        Dual bigA = alphaLarger ? alpha : beta;
        Dual smallB = alphaLarger ? beta : alpha;
        Dual q = alphaLarger ? s + 1 : rx;
        Dual m = rx + s;

        Dual lnAtx = Dual.Log(bigA + tx);
        Dual lnRho = lnAtx - Dual.Log(bigA + T);
        Dual z = (bigA - smallB) / (bigA + tx);
        Dual rho = Dual.Exp(lnRho);
        Dual oneMinusRho = -Dual.ExpM1(lnRho);
        Dual rhoPow = Dual.Exp(m * lnRho);              // ρ^{M+k−1} during step k
        Dual e = -Dual.ExpM1(m * lnRho);                // 1 − ρ^{M+k}
        Dual coefficient = new(1);                      // (q)_k z^k / k!
        Dual sum = e / m;
        for (int k = 1; k < MaxTerms; k++)
        {
            coefficient = coefficient * (q + (k - 1)) * z / k;
            e += rhoPow * oneMinusRho;
            rhoPow *= rho;
            Dual term = coefficient * e / (m + k);
            sum += term;
            if (k >= 2 && Math.Abs(term.V) <= 1e-17 * sum.V)
            {
                Dual died = Dual.Log(s) - (m * lnAtx) + Dual.Log(sum);
                return (alive, died);
            }
        }

        return (alive, new Dual(double.NaN));
    }

    /// <summary>P(alive | x, t_x, T) = alive / (alive + s·I).</summary>
    internal static double ProbabilityAlive(double r, double alpha, double s, double beta, in CustomerSummary c)
    {
        var (alive, died) = LogTerms(new Dual(r), new Dual(alpha), new Dual(s), new Dual(beta), c.Frequency, c.Recency, c.T);
        if (double.IsNaN(died.V))
        {
            throw new ArithmeticException($"The Pareto/NBD series did not converge for x={c.Frequency}, t_x={c.Recency}, T={c.T}.");
        }

        return LogMath.InverseOnePlusExp(died.V - alive.V);
    }

    /// <summary>E[Y(t) | x, t_x, T] = (r+x)(β+T)/((α+T)(s−1))·[1 − ((β+T)/(β+T+t))^{s−1}]·P(alive); the bracket over
    /// (s − 1) through expm1, so s = 1 gives its limit (r+x)/(α+T)·(β+T)·ln((β+T+t)/(β+T)).</summary>
    internal static double ExpectedPurchases(double r, double alpha, double s, double beta, in CustomerSummary c, double t)
    {
        double ratio = LogMath.OneMinusExpOver(s - 1, -double.LogP1(t / (beta + c.T)));
        return (r + c.Frequency) * (beta + c.T) / (alpha + c.T) * ratio * ProbabilityAlive(r, alpha, s, beta, c);
    }

    /// <summary>E[X(t)] = rβ/(α(s−1))·[1 − (β/(β+t))^{s−1}].</summary>
    internal static double ExpectedPurchasesUnconditional(double r, double alpha, double s, double beta, double t) =>
        r * beta / alpha * LogMath.OneMinusExpOver(s - 1, -double.LogP1(t / beta));
}
