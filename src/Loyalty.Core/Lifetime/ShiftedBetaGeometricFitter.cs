using System.Globalization;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Lifetime;

/// <summary>Fits <see cref="ShiftedBetaGeometricModel"/> on a cohort's survivor counts (exact gradient, L-BFGS).</summary>
/// <remarks>With n_t customers active after t periods (n_0 the cohort), ℓ = Σ_{t=1}^{k} (n_{t−1} − n_t)·ln P(T = t)
/// + n_k·ln S(k): the churners of each period plus the still-active, right-censored at k.
/// Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
/// <param name="options">Fit settings; null for <see cref="FitOptions.Default"/>.</param>
public sealed class ShiftedBetaGeometricFitter(FitOptions? options = null)
{
    private static readonly double[] DefaultStart = [1, 1];

    /// <summary>The settings used.</summary>
    public FitOptions Options { get; } = options ?? FitOptions.Default;

    /// <summary>Fits the model.</summary>
    /// <param name="survivors">n_0, n_1, ..., n_k: active customers at the start and after each period; non-increasing.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The model; check its Report for convergence.</returns>
    /// <exception cref="ArgumentException">Fewer than two counts, a negative or non-finite count, a count above its
    /// predecessor, or no churn at all (all problems named by index).</exception>
    public ShiftedBetaGeometricModel Fit(IReadOnlyList<double> survivors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(survivors);
        Options.Validate(ShiftedBetaGeometricModel.ParameterNames.ToArray());
        var problems = new List<string>();
        if (survivors.Count < 2)
        {
            problems.Add($"survivors has {survivors.Count} counts; need the cohort size and at least one later count");
        }

        for (int t = 0; t < survivors.Count; t++)
        {
            double n = survivors[t];
            if (!(n >= 0) || double.IsInfinity(n))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"survivors[{t}] ({n}) must be a finite number ≥ 0"));
            }
            else if (t > 0 && n > survivors[t - 1])
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"survivors[{t}] ({n}) exceeds survivors[{t - 1}] ({survivors[t - 1]})"));
            }
        }

        if (problems.Count == 0 && survivors[0] == 0)
        {
            problems.Add("survivors[0] (0) must be > 0");
        }

        if (problems.Count == 0 && survivors[^1] == survivors[0])
        {
            problems.Add("survivors never decrease, so churn cannot be estimated");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems) + ".", nameof(survivors));
        }

        var counts = survivors.ToArray();
        var result = MaximumLikelihood.Fit([.. ShiftedBetaGeometricModel.ParameterNames], DefaultStart, (u, g) => Evaluate(counts, u, g), counts[0], counts.Length - 1, Options, cancellationToken);
        return new ShiftedBetaGeometricModel(result.Parameters[0], result.Parameters[1], result.Report);
    }

    private static double Evaluate(double[] n, ReadOnlySpan<double> u, Span<double> gradient)
    {
        Dual alpha = Dual.Exp(Dual.Variable(u[0], 0));
        Dual beta = Dual.Exp(Dual.Variable(u[1], 1));
        if (!(alpha.V > 0 && beta.V > 0) || !double.IsFinite(alpha.V + beta.V))
        {
            return double.NaN;
        }

        // ln S(t−1) and ln P(T = t) = ln S(t−1) + ln(α/(α+β+t−1)), by recurrence.
        Dual lnSurvival = default;
        Dual ll = default;
        for (int t = 1; t < n.Length; t++)
        {
            Dual lnChurn = lnSurvival + Dual.Log(alpha / (alpha + beta + (t - 1)));
            lnSurvival += Dual.Log((beta + (t - 1)) / (alpha + beta + (t - 1)));
            double churned = n[t - 1] - n[t];
            if (churned > 0)
            {
                ll += lnChurn * churned;
            }
        }

        ll += lnSurvival * n[^1];
        gradient[0] = ll.D0;
        gradient[1] = ll.D1;
        return ll.V;
    }
}
