using Loyalty.Core.Numerics;

namespace Loyalty.Core.Lifetime;

/// <summary>The Pareto/NBD total log-likelihood over patterns with its exact gradient in (ln r, ln α, ln s, ln β).</summary>
internal sealed class ParetoNbdLikelihood(CustomerPatterns data)
{
    internal double Evaluate(ReadOnlySpan<double> u, Span<double> gradient)
    {
        // Log-parameters are the independent variables, so the duals carry ∂/∂ln θ directly.
        Dual r = Dual.Exp(Dual.Variable(u[0], 0));
        Dual alpha = Dual.Exp(Dual.Variable(u[1], 1));
        Dual s = Dual.Exp(Dual.Variable(u[2], 2));
        Dual beta = Dual.Exp(Dual.Variable(u[3], 3));
        if (!(double.IsFinite(r.V) && double.IsFinite(alpha.V) && double.IsFinite(s.V) && double.IsFinite(beta.V)) || r.V == 0 || alpha.V == 0 || s.V == 0 || beta.V == 0)
        {
            return double.NaN;
        }

        var rise = new RisingTable(data.MaxFrequency);
        rise.Fill(r.V);
        Span<double> g = stackalloc double[4];
        double total = ParallelSum.Run(data.Count, 4, (from, to, grad) =>
        {
            Dual ll = default;
            for (int i = from; i < to; i++)
            {
                int x = data.X[i];
                var (alive, died) = ParetoNbdMath.LogTerms(r, alpha, s, beta, x, data.Tx[i], data.T[i]);
                Dual gammaRatio = new(rise.Log(x), rise.Derivative(x) * r.V);
                ll += (gammaRatio + Dual.LogAddExp(alive, died)) * data.Weight[i];
            }

            grad[0] += ll.D0;
            grad[1] += ll.D1;
            grad[2] += ll.D2;
            grad[3] += ll.D3;
            return ll.V;
        }, g, chunkSize: 256); // a series per pattern: worth spreading over cores even for CDNOW's 1,016 patterns

        // r ln α + s ln β is common to every customer.
        Dual common = (r * Dual.Log(alpha)) + (s * Dual.Log(beta));
        double n = data.TotalWeight;
        gradient[0] = g[0] + (n * common.D0);
        gradient[1] = g[1] + (n * common.D1);
        gradient[2] = g[2] + (n * common.D2);
        gradient[3] = g[3] + (n * common.D3);
        return total + (n * common.V);
    }
}
