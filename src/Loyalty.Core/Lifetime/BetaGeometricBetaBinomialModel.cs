using System.Globalization;
using Loyalty.Core.Validation;

namespace Loyalty.Core.Lifetime;

/// <summary>
/// A fitted BG/BB model (Fader, Hardie &amp; Shang 2010) for discrete transaction opportunities: while alive a
/// customer transacts at each opportunity with probability p ~ Beta(α, β), and before each opportunity dies with
/// probability θ ~ Beta(γ, δ). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// As an <see cref="IClvModel"/> a <see cref="CustomerSummary"/> is read as Frequency = x, Recency = t_x and T = n,
/// all whole numbers of periods, and horizons are whole numbers of periods.
/// P(alive at n+1 | x, t_x, n) = B(α+x, β+n−x)/B(α,β)·B(γ, δ+n+1)/B(γ,δ) / L(x, t_x, n);
/// E[X(n, n+k) | x, t_x, n] = B(α+x+1, β+n−x)/B(α,β)·Σ_{i=1}^{k} B(γ, δ+n+i)/B(γ,δ) / L(x, t_x, n);
/// E[X(n)] = α/(α+β)·Σ_{i=1}^{n} B(γ, δ+i)/B(γ,δ).
/// </remarks>
public sealed class BetaGeometricBetaBinomialModel : IClvModel
{
    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="alpha">First shape of the transaction-probability beta.</param>
    /// <param name="beta">Second shape of the transaction-probability beta.</param>
    /// <param name="gamma">First shape of the dropout-probability beta.</param>
    /// <param name="delta">Second shape of the dropout-probability beta.</param>
    /// <param name="report">The fit that produced the parameters, if any.</param>
    /// <exception cref="ArgumentException">A parameter is not a finite positive number.</exception>
    public BetaGeometricBetaBinomialModel(double alpha, double beta, double gamma, double delta, FitReport? report = null)
    {
        var parameters = new OptionsValidator(nameof(BetaGeometricBetaBinomialModel));
        parameters.Positive(nameof(alpha), alpha);
        parameters.Positive(nameof(beta), beta);
        parameters.Positive(nameof(gamma), gamma);
        parameters.Positive(nameof(delta), delta);
        parameters.ThrowIfInvalid(paramName: null);
        Alpha = alpha;
        Beta = beta;
        Gamma = gamma;
        Delta = delta;
        Report = report;
        Parameters = new Dictionary<string, double> { ["alpha"] = alpha, ["beta"] = beta, ["gamma"] = gamma, ["delta"] = delta };
    }

    /// <summary>Writes the parameters and the fit report as a <c>loyalty.bgbb</c> model file (format version 1);
    /// <see cref="Load"/> restores a model that predicts identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ClvModelFile.Write(stream, "bgbb", ParameterNames, Parameters, Report);
    }

    /// <summary>Reads a model written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.bgbb</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static BetaGeometricBetaBinomialModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ClvModelFile.Read(stream, "bgbb", ParameterNames, (v, report) => new BetaGeometricBetaBinomialModel(v[0], v[1], v[2], v[3], report));
    }

    /// <summary>The parameter names, in order.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } = ["alpha", "beta", "gamma", "delta"];

    /// <summary>α of the transaction-probability beta.</summary>
    public double Alpha { get; }

    /// <summary>β of the transaction-probability beta.</summary>
    public double Beta { get; }

    /// <summary>γ of the dropout-probability beta.</summary>
    public double Gamma { get; }

    /// <summary>δ of the dropout-probability beta.</summary>
    public double Delta { get; }

    /// <summary>The fit that produced this model; null when built from given parameters.</summary>
    public FitReport? Report { get; }

    /// <inheritdoc />
    public string Name => "bgbb";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <inheritdoc />
    public double LogLikelihood => Report?.LogLikelihood ?? double.NaN;

    /// <summary>P(alive at opportunity n+1) given the history.</summary>
    /// <param name="pattern">The history; its weight is ignored.</param>
    /// <returns>The probability.</returns>
    /// <exception cref="ArgumentException">The pattern is inconsistent.</exception>
    public double ProbabilityAlive(DiscretePattern pattern)
    {
        BetaGeometricBetaBinomialFitter.Check(pattern, nameof(pattern));
        return BgBbMath.ProbabilityAlive(Alpha, Beta, Gamma, Delta, pattern.Frequency, pattern.Recency, pattern.Periods);
    }

    /// <summary>Expected transactions in the next <paramref name="periods"/> opportunities given the history.</summary>
    /// <param name="pattern">The history; its weight is ignored.</param>
    /// <param name="periods">Number of future opportunities, ≥ 0.</param>
    /// <returns>The expectation.</returns>
    /// <exception cref="ArgumentException">The pattern is inconsistent or periods is negative.</exception>
    public double ExpectedPurchases(DiscretePattern pattern, int periods)
    {
        BetaGeometricBetaBinomialFitter.Check(pattern, nameof(pattern));
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        return BgBbMath.ExpectedPurchases(Alpha, Beta, Gamma, Delta, pattern.Frequency, pattern.Recency, pattern.Periods, periods);
    }

    /// <summary>P(X(n) = x): probability that a new customer transacts at exactly x of the first n opportunities.</summary>
    /// <param name="periods">n ≥ 0.</param>
    /// <param name="purchases">x ≥ 0.</param>
    /// <returns>The probability (0 when x &gt; n).</returns>
    public double ProbabilityOfPurchases(int periods, int purchases)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        return BgBbMath.ProbabilityOfPurchases(Alpha, Beta, Gamma, Delta, periods, purchases);
    }

    /// <inheritdoc />
    public double ProbabilityAlive(in CustomerSummary customer) => ProbabilityAlive(ToPattern(customer, nameof(customer)));

    /// <inheritdoc />
    public double ExpectedPurchases(in CustomerSummary customer, double horizon) =>
        ExpectedPurchases(ToPattern(customer, nameof(customer)), WholePeriods(horizon, nameof(horizon)));

    /// <inheritdoc />
    public double ExpectedPurchasesUnconditional(double t) =>
        BgBbMath.ExpectedPurchasesUnconditional(Alpha, Beta, Gamma, Delta, WholePeriods(t, nameof(t)));

    private static DiscretePattern ToPattern(in CustomerSummary c, string name) =>
        new(c.Frequency, WholePeriods(c.Recency, name + ".Recency"), WholePeriods(c.T, name + ".T"));

    private static int WholePeriods(double value, string name) =>
        value >= 0 && value == Math.Floor(value) && value <= int.MaxValue
            ? (int)value
            : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} ({value}) must be a whole number of periods ≥ 0 for the discrete BG/BB model."));
}
