namespace Loyalty.Core.Lifetime;

/// <summary>Fits <see cref="BgNbdModel"/> by maximum likelihood (analytic gradient, L-BFGS in log-parameters).</summary>
/// <param name="options">Fit settings; null for <see cref="FitOptions.Default"/>.</param>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class BgNbdFitter(FitOptions? options = null) : IClvFitter
{
    private static readonly double[] DefaultStart = [1, 1, 1, 1];

    /// <summary>The settings used.</summary>
    public FitOptions Options { get; } = options ?? FitOptions.Default;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The customers are empty, inconsistent (the message names the row and
    /// field) or have no repeat purchase; or the options are invalid.</exception>
    public IClvModel Fit(IReadOnlyList<CustomerSummary> customers, CancellationToken cancellationToken = default) =>
        FitModel(customers, cancellationToken);

#pragma warning disable RS0026 // Overloads with optional parameters are safe here: the summaries and CustomerBase overloads differ in a required argument; the optional token is last, as .NET does it.
    /// <summary>Fits and returns the concrete model type.</summary>
    /// <param name="customers">Calibration summaries.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The model; check <see cref="BgNbdModel.Report"/> for convergence.</returns>
    public BgNbdModel FitModel(IReadOnlyList<CustomerSummary> customers, CancellationToken cancellationToken = default)
    {
        Options.Validate(BgNbdModel.ParameterNames.ToArray());
        return Fit(CustomerPatterns.From(customers), cancellationToken);
    }

    /// <summary>Fits on an already compressed customer base (see <see cref="CustomerBase"/>).</summary>
    /// <param name="customers">The compressed customers.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The model; check its Report for convergence.</returns>
    public BgNbdModel FitModel(CustomerBase customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        Options.Validate(BgNbdModel.ParameterNames.ToArray());
        return Fit(customers.Patterns, cancellationToken);
    }
#pragma warning restore RS0026

    private BgNbdModel Fit(CustomerPatterns data, CancellationToken cancellationToken)
    {
        var likelihood = new BgNbdLikelihood(data, modified: false);
        var result = MaximumLikelihood.Fit([.. BgNbdModel.ParameterNames], DefaultStart, likelihood.Evaluate, data.TotalWeight, data.Count, Options, cancellationToken);
        var p = result.Parameters;
        return new BgNbdModel(p[0], p[1], p[2], p[3], result.Report);
    }
}
