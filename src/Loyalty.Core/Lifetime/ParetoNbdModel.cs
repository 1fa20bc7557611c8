using Loyalty.Core.Validation;

namespace Loyalty.Core.Lifetime;

/// <summary>
/// A fitted Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): while active a customer buys at Poisson
/// rate λ ~ Gamma(r, α) and has an exponential lifetime of rate μ ~ Gamma(s, β). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// P(alive | x, t_x, T) = [(α+T)^{−(r+x)}(β+T)^{−s}] / [(α+T)^{−(r+x)}(β+T)^{−s} + s·∫_{t_x}^{T}(α+τ)^{−(r+x)}(β+τ)^{−(s+1)}dτ];
/// E[Y(t) | x, t_x, T] = (r+x)(β+T)/((α+T)(s−1))·[1 − ((β+T)/(β+T+t))^{s−1}]·P(alive);
/// E[X(t)] = rβ/(α(s−1))·[1 − (β/(β+t))^{s−1}] (limits at s = 1). The integral is summed as a series of positive
/// terms (see the docs, algorithms/clv.md).
/// </remarks>
public sealed class ParetoNbdModel : IClvModel
{
    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="r">Shape of the purchase-rate gamma.</param>
    /// <param name="alpha">Rate of the purchase-rate gamma.</param>
    /// <param name="s">Shape of the dropout-rate gamma.</param>
    /// <param name="beta">Rate of the dropout-rate gamma.</param>
    /// <param name="report">The fit that produced the parameters, if any.</param>
    /// <exception cref="ArgumentException">A parameter is not a finite positive number.</exception>
    public ParetoNbdModel(double r, double alpha, double s, double beta, FitReport? report = null)
    {
        var parameters = new OptionsValidator(nameof(ParetoNbdModel));
        parameters.Positive(nameof(r), r);
        parameters.Positive(nameof(alpha), alpha);
        parameters.Positive(nameof(s), s);
        parameters.Positive(nameof(beta), beta);
        parameters.ThrowIfInvalid(paramName: null);
        R = r;
        Alpha = alpha;
        S = s;
        Beta = beta;
        Report = report;
        Parameters = new Dictionary<string, double> { ["r"] = r, ["alpha"] = alpha, ["s"] = s, ["beta"] = beta };
    }

    /// <summary>Writes the parameters and the fit report as a <c>loyalty.paretonbd</c> model file (format version 1);
    /// <see cref="Load"/> restores a model that predicts identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ClvModelFile.Write(stream, "paretonbd", ParameterNames, Parameters, Report);
    }

    /// <summary>Reads a model written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.paretonbd</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static ParetoNbdModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ClvModelFile.Read(stream, "paretonbd", ParameterNames, (v, report) => new ParetoNbdModel(v[0], v[1], v[2], v[3], report));
    }

    /// <summary>The parameter names, in order.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } = ["r", "alpha", "s", "beta"];

    /// <summary>Shape r of the purchase-rate gamma.</summary>
    public double R { get; }

    /// <summary>Rate α of the purchase-rate gamma.</summary>
    public double Alpha { get; }

    /// <summary>Shape s of the dropout-rate gamma.</summary>
    public double S { get; }

    /// <summary>Rate β of the dropout-rate gamma.</summary>
    public double Beta { get; }

    /// <summary>The fit that produced this model; null when built from given parameters.</summary>
    public FitReport? Report { get; }

    /// <inheritdoc />
    public string Name => "paretonbd";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <inheritdoc />
    public double LogLikelihood => Report?.LogLikelihood ?? double.NaN;

    /// <inheritdoc />
    public double ProbabilityAlive(in CustomerSummary customer)
    {
        CustomerPatterns.EnsureValid(customer, nameof(customer));
        return ParetoNbdMath.ProbabilityAlive(R, Alpha, S, Beta, customer);
    }

    /// <inheritdoc />
    public double ExpectedPurchases(in CustomerSummary customer, double horizon)
    {
        CustomerPatterns.EnsureValid(customer, nameof(customer));
        if (!(double.IsFinite(horizon) && horizon >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "Must be a finite number >= 0.");
        }

        return ParetoNbdMath.ExpectedPurchases(R, Alpha, S, Beta, customer, horizon);
    }

    /// <inheritdoc />
    public double ExpectedPurchasesUnconditional(double t)
    {
        if (!(double.IsFinite(t) && t >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "Must be a finite number >= 0.");
        }

        return ParetoNbdMath.ExpectedPurchasesUnconditional(R, Alpha, S, Beta, t);
    }
}
