using Loyalty.Core.Validation;

namespace Loyalty.Core.Lifetime;

/// <summary>
/// A fitted BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while active a
/// customer buys at Poisson rate λ ~ Gamma(r, α); after each repeat purchase she drops out with probability
/// p ~ Beta(a, b). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// P(alive | x, t_x, T) = 1 / (1 + [x &gt; 0]·a/(b+x−1)·((α+T)/(α+t_x))^{r+x});
/// E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1)·[1 − ((α+T)/(α+T+t))^{r+x}·₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]·P(alive);
/// E[X(t)] = (a+b−1)/(a−1)·[1 − (α/(α+t))^r·₂F₁(r, b; a+b−1; t/(α+t))]. The ₂F₁ terms are evaluated after Euler's
/// transformation, which keeps them finite for any frequency.
/// </remarks>
public sealed class BgNbdModel : IClvModel
{
    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="r">Shape of the purchase-rate gamma.</param>
    /// <param name="alpha">Scale (rate) of the purchase-rate gamma, in time units.</param>
    /// <param name="a">First shape of the dropout beta.</param>
    /// <param name="b">Second shape of the dropout beta.</param>
    /// <param name="report">The fit that produced the parameters, if any.</param>
    /// <exception cref="ArgumentException">A parameter is not a finite positive number.</exception>
    public BgNbdModel(double r, double alpha, double a, double b, FitReport? report = null)
    {
        var parameters = new OptionsValidator(nameof(BgNbdModel));
        parameters.Positive(nameof(r), r);
        parameters.Positive(nameof(alpha), alpha);
        parameters.Positive(nameof(a), a);
        parameters.Positive(nameof(b), b);
        parameters.ThrowIfInvalid(paramName: null);
        R = r;
        Alpha = alpha;
        A = a;
        B = b;
        Report = report;
        Parameters = new Dictionary<string, double> { ["r"] = r, ["alpha"] = alpha, ["a"] = a, ["b"] = b };
    }

    /// <summary>Writes the parameters and the fit report as a <c>loyalty.bgnbd</c> model file (format version 1);
    /// <see cref="Load"/> restores a model that predicts identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ClvModelFile.Write(stream, "bgnbd", ParameterNames, Parameters, Report);
    }

    /// <summary>Reads a model written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.bgnbd</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static BgNbdModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ClvModelFile.Read(stream, "bgnbd", ParameterNames, (v, report) => new BgNbdModel(v[0], v[1], v[2], v[3], report));
    }

    /// <summary>The parameter names, in order.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } = ["r", "alpha", "a", "b"];

    /// <summary>Shape r of the purchase-rate gamma.</summary>
    public double R { get; }

    /// <summary>Rate α of the purchase-rate gamma.</summary>
    public double Alpha { get; }

    /// <summary>Shape a of the dropout beta.</summary>
    public double A { get; }

    /// <summary>Shape b of the dropout beta.</summary>
    public double B { get; }

    /// <summary>The fit that produced this model; null when built from given parameters.</summary>
    public FitReport? Report { get; }

    /// <inheritdoc />
    public string Name => "bgnbd";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <inheritdoc />
    public double LogLikelihood => Report?.LogLikelihood ?? double.NaN;

    /// <inheritdoc />
    public double ProbabilityAlive(in CustomerSummary customer)
    {
        CustomerPatterns.EnsureValid(customer, nameof(customer));
        return BgNbdMath.ProbabilityAlive(R, Alpha, A, B, false, customer);
    }

    /// <inheritdoc />
    public double ExpectedPurchases(in CustomerSummary customer, double horizon)
    {
        CustomerPatterns.EnsureValid(customer, nameof(customer));
        if (!(double.IsFinite(horizon) && horizon >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "Must be a finite number >= 0.");
        }

        return BgNbdMath.ExpectedPurchases(R, Alpha, A, B, false, customer, horizon);
    }

    /// <inheritdoc />
    public double ExpectedPurchasesUnconditional(double t)
    {
        if (!(double.IsFinite(t) && t >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "Must be a finite number >= 0.");
        }

        return BgNbdMath.ExpectedPurchasesUnconditional(R, Alpha, A, B, false, t);
    }

    /// <summary>P(X(t) = n): the probability that a new customer makes exactly <paramref name="n"/> repeat purchases
    /// in (0, t].</summary>
    /// <param name="t">Length of the period, ≥ 0.</param>
    /// <param name="n">Number of purchases, ≥ 0.</param>
    /// <remarks>B(a, b+n)/B(a, b)·Γ(r+n)/(Γ(r) n!)·(α/(α+t))^r (t/(α+t))^n
    /// + [n &gt; 0]·B(a+1, b+n−1)/B(a, b)·I_{t/(α+t)}(n, r).</remarks>
    /// <returns>The probability.</returns>
    public double ProbabilityOfPurchases(double t, int n)
    {
        if (!(double.IsFinite(t) && t >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "Must be a finite number >= 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return BgNbdMath.ProbabilityOfPurchases(R, Alpha, A, B, false, t, n);
    }
}
