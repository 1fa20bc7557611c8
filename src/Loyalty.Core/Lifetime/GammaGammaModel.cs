using Loyalty.Core.Validation;

namespace Loyalty.Core.Lifetime;

/// <summary>
/// A fitted Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, JMR; Hardie note 025): the amounts of a
/// customer's purchases are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of the purchase process.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>E[M | x, z̄] = (p·(γ + x·z̄)) / (p·x + q − 1), a weighted mean of the population mean pγ/(q−1) and the
/// customer's own mean z̄. It needs q &gt; 1 when x = 0 (otherwise the population mean is infinite).</remarks>
public sealed class GammaGammaModel : ISpendModel
{
    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="p">Shape of each transaction's gamma.</param>
    /// <param name="q">Shape of the gamma of ν.</param>
    /// <param name="gamma">Rate γ of the gamma of ν.</param>
    /// <param name="report">The fit that produced the parameters, if any.</param>
    /// <exception cref="ArgumentException">A parameter is not a finite positive number.</exception>
    public GammaGammaModel(double p, double q, double gamma, FitReport? report = null)
    {
        var parameters = new OptionsValidator(nameof(GammaGammaModel));
        parameters.Positive(nameof(p), p);
        parameters.Positive(nameof(q), q);
        parameters.Positive(nameof(gamma), gamma);
        parameters.ThrowIfInvalid(paramName: null);
        P = p;
        Q = q;
        Gamma = gamma;
        Report = report;
        Parameters = new Dictionary<string, double> { ["p"] = p, ["q"] = q, ["gamma"] = gamma };
    }

    /// <summary>Writes the parameters and the fit report as a <c>loyalty.gammagamma</c> model file (format version 1);
    /// <see cref="Load"/> restores a model that predicts identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ClvModelFile.Write(stream, "gammagamma", ParameterNames, Parameters, Report);
    }

    /// <summary>Reads a model written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.gammagamma</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static GammaGammaModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ClvModelFile.Read(stream, "gammagamma", ParameterNames, (v, report) => new GammaGammaModel(v[0], v[1], v[2], report));
    }

    /// <summary>The parameter names, in order.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } = ["p", "q", "gamma"];

    /// <summary>The model's short name.</summary>
    public static string ModelName => "gammagamma";

    /// <summary>Shape p of the transaction amounts.</summary>
    public double P { get; }

    /// <summary>Shape q of the customers' scale distribution.</summary>
    public double Q { get; }

    /// <summary>Rate γ of the customers' scale distribution.</summary>
    public double Gamma { get; }

    /// <summary>Parameters by name (p, q, gamma).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The fit that produced this model; null when built from given parameters.</summary>
    public FitReport? Report { get; }

    /// <summary>Total log-likelihood of the fitting data (NaN when not fitted).</summary>
    public double LogLikelihood => Report?.LogLikelihood ?? double.NaN;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The frequency is negative, or the monetary value negative or
    /// not finite, or zero with a positive frequency.</exception>
    /// <exception cref="InvalidOperationException">The expectation is infinite (p·x + q ≤ 1, e.g. q ≤ 1 for x = 0).</exception>
    public double ExpectedAverageSpend(int frequency, double monetaryValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (!(double.IsFinite(monetaryValue) && monetaryValue >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(monetaryValue), monetaryValue, "Must be a finite number >= 0.");
        }

        if (frequency > 0 && monetaryValue == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(monetaryValue), monetaryValue, $"monetaryValue must be > 0 when frequency ({frequency}) > 0.");
        }

        double denominator = (P * frequency) + Q - 1;
        if (!(denominator > 0))
        {
            throw new InvalidOperationException(
                $"The expected spend is infinite: p·x + q − 1 = {denominator} ≤ 0 (q = {Q}). Refit with a penalizer or use customers with repeat purchases.");
        }

        return P * (Gamma + (frequency * monetaryValue)) / denominator;
    }
}
