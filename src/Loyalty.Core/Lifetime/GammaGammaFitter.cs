using System.Globalization;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Lifetime;

/// <summary>Fits <see cref="GammaGammaModel"/> on the customers with repeat purchases (analytic gradient, L-BFGS).</summary>
/// <remarks>Per customer with x &gt; 0 repeat purchases of mean z̄:
/// ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄).
/// Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
/// <param name="options">Fit settings; null for <see cref="FitOptions.Default"/>.</param>
public sealed class GammaGammaFitter(FitOptions? options = null)
{
    private static readonly double[] DefaultStart = [1, 1, 1];

    /// <summary>The settings used.</summary>
    public FitOptions Options { get; } = options ?? FitOptions.Default;

    /// <summary>Fits the model on the customers with Frequency &gt; 0 (the others carry no spend information).</summary>
    /// <param name="customers">Calibration summaries with MonetaryValue the mean of the repeat purchases.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The model; check <see cref="GammaGammaModel.Report"/> for convergence.</returns>
    /// <exception cref="ArgumentException">No customer has a repeat purchase, or a repeat buyer has a non-positive or
    /// non-finite monetary value (the message names the rows), or the options are invalid.</exception>
    public GammaGammaModel Fit(IReadOnlyList<CustomerSummary> customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        Options.Validate(GammaGammaModel.ParameterNames.ToArray());
        var (x, m, w) = Compress(customers);
        double total = w.Sum();
        var result = MaximumLikelihood.Fit([.. GammaGammaModel.ParameterNames], DefaultStart, (u, g) => Evaluate(x, m, w, u, g), total, x.Length, Options, cancellationToken);
        var p = result.Parameters;
        var report = result.Report;
        if (p[1] <= 1)
        {
            report = report with { Message = report.Message + $" q = {p[1].ToString("G4", CultureInfo.InvariantCulture)} ≤ 1: the population mean spend is infinite, so customers without repeat purchases get no finite expected spend." };
        }

        return new GammaGammaModel(p[0], p[1], p[2], report);
    }

    private static (int[] X, double[] M, double[] W) Compress(IReadOnlyList<CustomerSummary> customers)
    {
        var index = new Dictionary<(int, double), int>();
        var x = new List<int>();
        var m = new List<double>();
        var w = new List<double>();
        var problems = new List<string>();
        for (int i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            if (c.Frequency < 0)
            {
                problems.Add(FormattableString.Invariant($"customers[{i}].Frequency ({c.Frequency}) must be ≥ 0"));
                continue;
            }

            if (c.Frequency == 0)
            {
                continue;
            }

            if (!(c.MonetaryValue > 0) || double.IsInfinity(c.MonetaryValue))
            {
                problems.Add(FormattableString.Invariant($"customers[{i}].MonetaryValue ({c.MonetaryValue}) must be > 0 when Frequency ({c.Frequency}) > 0"));
                continue;
            }

            if (index.TryGetValue((c.Frequency, c.MonetaryValue), out int at))
            {
                w[at]++;
            }
            else
            {
                index.Add((c.Frequency, c.MonetaryValue), x.Count);
                x.Add(c.Frequency);
                m.Add(c.MonetaryValue);
                w.Add(1);
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems.Take(20)) + (problems.Count > 20 ? $" (and {problems.Count - 20} more)" : "") + ".", nameof(customers));
        }

        if (x.Count == 0)
        {
            throw new ArgumentException("customers: no customer has a repeat purchase (Frequency > 0); the spend model has nothing to fit.", nameof(customers));
        }

        return ([.. x], [.. m], [.. w]);
    }

    private static double Evaluate(int[] xs, double[] ms, double[] ws, ReadOnlySpan<double> u, Span<double> gradient)
    {
        double p = Math.Exp(u[0]), q = Math.Exp(u[1]), gamma = Math.Exp(u[2]);
        if (!(double.IsFinite(p) && double.IsFinite(q) && double.IsFinite(gamma)) || p == 0 || q == 0 || gamma == 0)
        {
            return double.NaN;
        }

        double lnGamma = Math.Log(gamma), psiQ = Special.Digamma(q), lgQ = Special.LogGamma(q);
        double ll = 0, gp = 0, gq = 0, gg = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double x = xs[i], m = ms[i], w = ws[i];
            double px = p * x;
            double psiPxq = Special.Digamma(px + q);
            double lnDen = Math.Log(gamma + (x * m));
            double lnM = Math.Log(m), lnX = Math.Log(x);
            ll += w * (Special.LogGamma(px + q) - Special.LogGamma(px) - lgQ + (q * lnGamma) + ((px - 1) * lnM) + (px * lnX) - ((px + q) * lnDen));
            gp += w * x * (psiPxq - Special.Digamma(px) + lnM + lnX - lnDen);
            gq += w * (psiPxq - psiQ + lnGamma - lnDen);
            gg += w * ((q / gamma) - ((px + q) / (gamma + (x * m))));
        }

        gradient[0] = gp * p;
        gradient[1] = gq * q;
        gradient[2] = gg * gamma;
        return ll;
    }
}
