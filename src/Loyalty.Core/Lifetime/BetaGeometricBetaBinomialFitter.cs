using Loyalty.Core.Numerics;

namespace Loyalty.Core.Lifetime;

/// <summary>Fits <see cref="BetaGeometricBetaBinomialModel"/> on weighted discrete patterns by maximum likelihood
/// (exact gradient through dual numbers, L-BFGS in log-parameters).</summary>
/// <param name="options">Fit settings; null for <see cref="FitOptions.Default"/>.</param>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class BetaGeometricBetaBinomialFitter(FitOptions? options = null)
{
    private static readonly double[] DefaultStart = [1, 1, 1, 1];

    /// <summary>The settings used.</summary>
    public FitOptions Options { get; } = options ?? FitOptions.Default;

    /// <summary>Fits the model.</summary>
    /// <param name="patterns">Histories with weights (e.g. the donations table).</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The model; check its Report for convergence.</returns>
    /// <exception cref="ArgumentException">The patterns are empty or inconsistent (named by index), all
    /// frequencies are zero, or the options are invalid.</exception>
    public BetaGeometricBetaBinomialModel Fit(IReadOnlyList<DiscretePattern> patterns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        Options.Validate(BetaGeometricBetaBinomialModel.ParameterNames.ToArray());
        if (patterns.Count == 0)
        {
            throw new ArgumentException("patterns is empty; a model needs at least one customer.", nameof(patterns));
        }

        var problems = new List<string>();
        for (int i = 0; i < patterns.Count; i++)
        {
            if (Problem(patterns[i]) is { } problem)
            {
                problems.Add($"patterns[{i}].{problem}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems.Take(20)) + ".", nameof(patterns));
        }

        if (patterns.All(p => p.Frequency == 0))
        {
            throw new ArgumentException("patterns: every Frequency is 0; the model needs some transactions.", nameof(patterns));
        }

        var data = patterns.ToArray();
        double total = data.Sum(p => p.Weight);
        var result = MaximumLikelihood.Fit([.. BetaGeometricBetaBinomialModel.ParameterNames], DefaultStart, (u, g) => Evaluate(data, u, g), total, data.Length, Options, cancellationToken);
        var v = result.Parameters;
        return new BetaGeometricBetaBinomialModel(v[0], v[1], v[2], v[3], result.Report);
    }

    internal static void Check(DiscretePattern pattern, string name)
    {
        if (Problem(pattern) is { } problem)
        {
            throw new ArgumentException($"{name}.{problem}.", name);
        }
    }

    private static string? Problem(DiscretePattern p) =>
        p.Frequency < 0 ? $"Frequency ({p.Frequency}) must be ≥ 0"
        : p.Periods < p.Frequency ? $"Frequency ({p.Frequency}) exceeds Periods ({p.Periods})"
        : p.Recency > p.Periods ? $"Recency ({p.Recency}) exceeds Periods ({p.Periods})"
        : p.Frequency == 0 && p.Recency != 0 ? $"Recency ({p.Recency}) must be 0 when Frequency is 0"
        : p.Frequency > 0 && p.Recency < p.Frequency ? $"Recency ({p.Recency}) must be ≥ Frequency ({p.Frequency})"
        : !(p.Weight > 0) || double.IsInfinity(p.Weight) ? FormattableString.Invariant($"Weight ({p.Weight}) must be a finite number > 0")
        : null;

    private static double Evaluate(DiscretePattern[] data, ReadOnlySpan<double> u, Span<double> gradient)
    {
        Dual alpha = Dual.Exp(Dual.Variable(u[0], 0));
        Dual beta = Dual.Exp(Dual.Variable(u[1], 1));
        Dual gamma = Dual.Exp(Dual.Variable(u[2], 2));
        Dual delta = Dual.Exp(Dual.Variable(u[3], 3));
        if (!(alpha.V > 0 && beta.V > 0 && gamma.V > 0 && delta.V > 0) || !double.IsFinite(alpha.V + beta.V + gamma.V + delta.V))
        {
            return double.NaN;
        }

        Dual ll = default;
        foreach (var p in data)
        {
            ll += BgBbMath.LogLikelihood(alpha, beta, gamma, delta, p.Frequency, p.Recency, p.Periods) * p.Weight;
        }

        gradient[0] = ll.D0;
        gradient[1] = ll.D1;
        gradient[2] = ll.D2;
        gradient[3] = ll.D3;
        return ll.V;
    }
}
