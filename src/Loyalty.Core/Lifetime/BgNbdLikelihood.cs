using Loyalty.Core.Numerics;

namespace Loyalty.Core.Lifetime;

/// <summary>
/// The BG/NBD log-likelihood (Fader, Hardie &amp; Lee 2005) on compressed patterns, with its analytic gradient. Also
/// serves the MBG/NBD variant (Batislam, Denizel &amp; Filiztekin 2007), which differs by one dropout opportunity.
/// </summary>
/// <remarks>
/// Per customer ℓ = A₁ + A₂ + ln(e^{A₃} + δ·e^{A₄}) with A₁ = lnΓ(r+x) − lnΓ(r) + r ln α,
/// A₂ = lnΓ(a+b) + lnΓ(b+x+m) − lnΓ(b) − lnΓ(a+b+x+m), A₃ = −(r+x) ln(α+T),
/// A₄ = ln a − ln(b+x−1+m) − (r+x) ln(α+t_x); BG/NBD: m = 0, δ = [x &gt; 0]; MBG/NBD: m = 1, δ = 1.
/// The log-sum is max-shifted, and the Γ ratios come from per-step tables over the distinct frequencies.
/// </remarks>
internal sealed class BgNbdLikelihood
{
    private readonly CustomerPatterns _data;
    private readonly bool _modified;
    private readonly int _shift;

    internal BgNbdLikelihood(CustomerPatterns data, bool modified)
    {
        _data = data;
        _modified = modified;
        _shift = modified ? 1 : 0;
    }

    /// <summary>Total ℓ and ∂ℓ/∂(ln r, ln α, ln a, ln b).</summary>
    internal double Evaluate(ReadOnlySpan<double> u, Span<double> gradient)
    {
        double r = Math.Exp(u[0]), alpha = Math.Exp(u[1]), a = Math.Exp(u[2]), b = Math.Exp(u[3]);
        if (!(double.IsFinite(r) && double.IsFinite(alpha) && double.IsFinite(a) && double.IsFinite(b)) || r == 0 || alpha == 0 || a == 0 || b == 0)
        {
            return double.NaN;
        }

        int max = _data.MaxFrequency + _shift;
        var riseR = new RisingTable(max);
        var riseB = new RisingTable(max);
        var riseAb = new RisingTable(max);
        riseR.Fill(r);
        riseB.Fill(b);
        riseAb.Fill(a + b);
        double lnA = Math.Log(a);
        var data = _data;
        bool modified = _modified;
        int shift = _shift;

        Span<double> g = stackalloc double[4];
        double total = ParallelSum.Run(data.Count, 4, (from, to, grad) =>
        {
            double ll = 0, gR = 0, gAlpha = 0, gA = 0, gB = 0;
            for (int i = from; i < to; i++)
            {
                int x = data.X[i];
                double w = data.Weight[i];
                double rx = r + x;
                double lnAlphaT = Math.Log(alpha + data.T[i]);
                double a3 = -rx * lnAlphaT;
                double term = riseR.Log(x) + riseB.Log(x + shift) - riseAb.Log(x + shift);
                double dR = riseR.Derivative(x);
                double dA = -riseAb.Derivative(x + shift);
                double dB = riseB.Derivative(x + shift) - riseAb.Derivative(x + shift);
                if (x > 0 || modified)
                {
                    double lnAlphaTx = Math.Log(alpha + data.Tx[i]);
                    double bx = b + x - 1 + shift;
                    double a4 = lnA - Math.Log(bx) - (rx * lnAlphaTx);
                    double m = Math.Max(a3, a4);
                    double e3 = Math.Exp(a3 - m), e4 = Math.Exp(a4 - m);
                    double s = e3 + e4;
                    double w3 = e3 / s, w4 = e4 / s;
                    term += m + Math.Log(s);
                    dR -= (w3 * lnAlphaT) + (w4 * lnAlphaTx);
                    gAlpha -= w * rx * ((w3 / (alpha + data.T[i])) + (w4 / (alpha + data.Tx[i])));
                    dA += w4 / a;
                    dB -= w4 / bx;
                }
                else
                {
                    term += a3;
                    dR -= lnAlphaT;
                    gAlpha -= w * rx / (alpha + data.T[i]);
                }

                ll += w * term;
                gR += w * dR;
                gA += w * dA;
                gB += w * dB;
            }

            grad[0] += gR;
            grad[1] += gAlpha;
            grad[2] += gA;
            grad[3] += gB;
            return ll;
        }, g);

        // The r·ln α part of A₁ is the same for every customer.
        double n = data.TotalWeight;
        total += n * r * Math.Log(alpha);
        g[0] += n * Math.Log(alpha);
        g[1] += n * r / alpha;

        // Chain rule to log-parameters: ∂ℓ/∂ln θ = θ·∂ℓ/∂θ.
        gradient[0] = g[0] * r;
        gradient[1] = g[1] * alpha;
        gradient[2] = g[2] * a;
        gradient[3] = g[3] * b;
        return total;
    }
}
