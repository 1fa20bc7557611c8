using Loyalty.Core.Validation;

namespace Loyalty.Core.Lifetime;

/// <summary>
/// A fitted shifted-beta-geometric model of contractual retention (Fader &amp; Hardie 2007, "How to project
/// customer retention"): each customer renews each period with probability 1 − θ, θ ~ Beta(α, β) across customers.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>P(T = t) = B(α+1, β+t−1)/B(α, β); S(t) = B(α, β+t)/B(α, β) (computed by S(t) = S(t−1)·(β+t−1)/(α+β+t−1));
/// retention rate r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1), rising with t as the riskier customers leave.</remarks>
public sealed class ShiftedBetaGeometricModel
{
    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="alpha">First shape of the churn-probability beta.</param>
    /// <param name="beta">Second shape of the churn-probability beta.</param>
    /// <param name="report">The fit that produced the parameters, if any.</param>
    /// <exception cref="ArgumentException">A parameter is not a finite positive number.</exception>
    public ShiftedBetaGeometricModel(double alpha, double beta, FitReport? report = null)
    {
        var parameters = new OptionsValidator(nameof(ShiftedBetaGeometricModel));
        parameters.Positive(nameof(alpha), alpha);
        parameters.Positive(nameof(beta), beta);
        parameters.ThrowIfInvalid(paramName: null);
        Alpha = alpha;
        Beta = beta;
        Report = report;
        Parameters = new Dictionary<string, double> { ["alpha"] = alpha, ["beta"] = beta };
    }

    /// <summary>Writes the parameters and the fit report as a <c>loyalty.sbg</c> model file (format version 1);
    /// <see cref="Load"/> restores a model that predicts identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ClvModelFile.Write(stream, "sbg", ParameterNames, Parameters, Report);
    }

    /// <summary>Reads a model written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.sbg</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static ShiftedBetaGeometricModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ClvModelFile.Read(stream, "sbg", ParameterNames, (v, report) => new ShiftedBetaGeometricModel(v[0], v[1], report));
    }

    /// <summary>The parameter names, in order.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } = ["alpha", "beta"];

    /// <summary>The model's short name.</summary>
    public static string ModelName => "sbg";

    /// <summary>α of the churn-probability beta.</summary>
    public double Alpha { get; }

    /// <summary>β of the churn-probability beta.</summary>
    public double Beta { get; }

    /// <summary>Parameters by name (alpha, beta).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The fit that produced this model; null when built from given parameters.</summary>
    public FitReport? Report { get; }

    /// <summary>Total log-likelihood of the fitting data (NaN when not fitted).</summary>
    public double LogLikelihood => Report?.LogLikelihood ?? double.NaN;

    /// <summary>S(t): the share of a cohort still active after <paramref name="period"/> renewals.</summary>
    /// <param name="period">t ≥ 0 (S(0) = 1).</param>
    /// <returns>The survival probability.</returns>
    public double Survival(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period);
        double s = 1;
        for (int t = 1; t <= period; t++)
        {
            s *= (Beta + t - 1) / (Alpha + Beta + t - 1);
        }

        return s;
    }

    /// <summary>P(T = t): the probability of churning exactly at period <paramref name="period"/> (≥ 1).</summary>
    /// <param name="period">t ≥ 1.</param>
    /// <returns>The probability.</returns>
    public double ChurnProbability(int period)
    {
        if (period < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"period ({period}) must be ≥ 1.");
        }

        return Survival(period - 1) * Alpha / (Alpha + Beta + period - 1);
    }

    /// <summary>The retention rate S(t)/S(t−1) in period <paramref name="period"/> (≥ 1).</summary>
    /// <param name="period">t ≥ 1.</param>
    /// <returns>(β+t−1)/(α+β+t−1).</returns>
    public double RetentionRate(int period)
    {
        if (period < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"period ({period}) must be ≥ 1.");
        }

        return (Beta + period - 1) / (Alpha + Beta + period - 1);
    }
}
