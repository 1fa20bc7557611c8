namespace Loyalty.Core.Lifetime;

/// <summary>How a maximum-likelihood fit went. A fit that did not converge says so here instead of failing silently.</summary>
/// <param name="Converged">True when the gradient test passed (see <see cref="FitOptions.GradientTolerance"/>).</param>
/// <param name="Iterations">Optimizer iterations used.</param>
/// <param name="GradientNorm">Largest gradient component of the per-customer objective in log-parameters at the end.</param>
/// <param name="LogLikelihood">Total log-likelihood at the fitted parameters (without the penalty).</param>
/// <param name="StandardErrors">Standard errors of the parameters from the inverse observed information (delta method
/// from log-parameters); NaN when the Hessian is not positive definite (the message then says so).</param>
/// <param name="Observations">Number of customers (sum of weights) fitted.</param>
/// <param name="Patterns">Number of distinct data patterns the likelihood was evaluated on.</param>
/// <param name="FitSeconds">Wall-clock seconds spent fitting.</param>
/// <param name="Message">Why the optimizer stopped, and any caveat.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record FitReport(
    bool Converged,
    int Iterations,
    double GradientNorm,
    double LogLikelihood,
    IReadOnlyDictionary<string, double> StandardErrors,
    double Observations,
    int Patterns,
    double FitSeconds,
    string Message)
{
    /// <summary>Covariance of the log-parameters (inverse observed information), row-major, in parameter order;
    /// empty when unavailable. Used for parameter-resampling intervals.</summary>
    public IReadOnlyList<double> LogParameterCovariance { get; init; } = [];
}
