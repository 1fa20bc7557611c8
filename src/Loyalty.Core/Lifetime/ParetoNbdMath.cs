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
        Dual lnAlphaT = Dual.Log(alpha + T), lnBetaT = Dual.Log(beta + T);
        Dual alive = -(rx * lnAlphaT) - (s * lnBetaT);
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
        Dual lnRho = lnAtx - (alphaLarger ? lnAlphaT : lnBetaT);
        Dual z = (bigA - smallB) / (bigA + tx);
        var sum = SeriesSum(q.V, z.V, m.V, lnRho.V);
        if (double.IsNaN(sum.Value))
        {
            return (alive, new Dual(double.NaN));
        }

        // ln Σ as a function of (q, z, M, ln ρ); its partials carry the gradient through the inputs' duals.
        Dual lnSum = new(
            Math.Log(sum.Value),
            (sum.DQ * q.D0) + (sum.DZ * z.D0) + (sum.DM * m.D0) + (sum.DLnRho * lnRho.D0),
            (sum.DQ * q.D1) + (sum.DZ * z.D1) + (sum.DM * m.D1) + (sum.DLnRho * lnRho.D1),
            (sum.DQ * q.D2) + (sum.DZ * z.D2) + (sum.DM * m.D2) + (sum.DLnRho * lnRho.D2),
            (sum.DQ * q.D3) + (sum.DZ * z.D3) + (sum.DM * m.D3) + (sum.DLnRho * lnRho.D3));
        Dual died = Dual.Log(s) - (m * lnAtx) + lnSum;
        return (alive, died);
    }

    /// <summary>Σ = Σ_k c_k·e_k/(M+k), c_k = (q)_k z^k/k!, e_k = 1 − ρ^{M+k}, with ∂lnΣ/∂q, ∂lnΣ/∂z, ∂lnΣ/∂M and
    /// ∂lnΣ/∂lnρ accumulated alongside in plain doubles (five times cheaper than dual numbers in the inner loop).</summary>
    private static (double Value, double DQ, double DZ, double DM, double DLnRho) SeriesSum(double q, double z, double m, double lnRho)
    {
        double rho = Math.Exp(lnRho);
        double oneMinusRho = -double.ExpM1(lnRho);
        double rhoPow = Math.Exp(m * lnRho);      // ρ^{M+k}
        double e = -double.ExpM1(m * lnRho);      // 1 − ρ^{M+k}
        double c;                                 // (q)_k z^k / k!
        double cz = 0;                            // ∂c_k/∂z = (q)_k z^{k−1}/(k−1)!
        double harmonic = 0;                      // ∂ln c_k/∂q = Σ_{j<k} 1/(q+j)
        double inv = 1 / m;
        double sum = e * inv;
        double dq = 0, dz = 0;
        double dm = (-rhoPow * lnRho * inv) - (e * inv * inv);  // ∂/∂M of e_0/M
        double dLnRho = -rhoPow * m * inv;                      // ∂/∂lnρ of e_0/M
        for (int k = 1; k < MaxTerms; k++)
        {
            double qk = q + k - 1;
            cz = k == 1 ? q : cz * qk * z / (k - 1);
            c = cz * z / k;
            harmonic += 1 / qk;
            e += rhoPow * oneMinusRho;
            rhoPow *= rho;
            inv = 1 / (m + k);
            double ratio = e * inv;
            double term = c * ratio;
            sum += term;
            dq += term * harmonic;
            dz += cz * ratio;
            dm += c * ((-rhoPow * lnRho * inv) - (ratio * inv));
            dLnRho += c * (-rhoPow * (m + k) * inv);
            if (k >= 2 && term <= 1e-16 * sum && cz * ratio <= 1e-16 * sum)
            {
                return (sum, dq / sum, dz / sum, dm / sum, dLnRho / sum);
            }
        }

        return (double.NaN, 0, 0, 0, 0);
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
