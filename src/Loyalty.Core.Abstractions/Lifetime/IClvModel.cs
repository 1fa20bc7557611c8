namespace Loyalty.Core;

/// <summary>
/// A fitted model of the purchase process (BG/NBD, Pareto/NBD, ...): whether a customer is still active and how many
/// purchases to expect. Times are in the time unit of the summaries the model was fitted on. Implementations are
/// immutable and safe to share between threads.
/// </summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface IClvModel
{
    /// <summary>The model's short name ("bgnbd", "paretonbd", ...).</summary>
    string Name { get; }

    /// <summary>Fitted parameters by their conventional names (r, alpha, a, b, ...).</summary>
    IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>Total log-likelihood of the fitting data.</summary>
    double LogLikelihood { get; }

    /// <summary>Probability that the customer is still active at the end of calibration.</summary>
    double ProbabilityAlive(in CustomerSummary customer);

    /// <summary>Expected number of purchases in the next <paramref name="horizon"/> time units, given the history.</summary>
    double ExpectedPurchases(in CustomerSummary customer, double horizon);

    /// <summary>Expected purchases of a new customer in the first <paramref name="t"/> time units, E[X(t)].</summary>
    double ExpectedPurchasesUnconditional(double t);
}

/// <summary>Fits a purchase-process model on customer summaries.</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface IClvFitter
{
    /// <summary>Fits the model.</summary>
    /// <param name="customers">Calibration summaries.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The fitted model.</returns>
    IClvModel Fit(IReadOnlyList<CustomerSummary> customers, CancellationToken cancellationToken = default);
}

/// <summary>A fitted model of spend per purchase (Gamma-Gamma).</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface ISpendModel
{
    /// <summary>Expected mean spend per purchase for a customer with <paramref name="frequency"/> repeat purchases of
    /// mean <paramref name="monetaryValue"/>.</summary>
    double ExpectedAverageSpend(int frequency, double monetaryValue);
}

/// <summary>The value estimate of one customer.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="ProbabilityAlive">P(alive) at the end of calibration.</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon.</param>
/// <param name="ExpectedAverageSpend">Expected spend per purchase.</param>
/// <param name="Clv">Discounted lifetime value over the horizon, in money.</param>
/// <param name="Horizon">The horizon, in the summaries' time unit.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct ClvEstimate(
    CustomerId CustomerId,
    double ProbabilityAlive,
    double ExpectedPurchases,
    double ExpectedAverageSpend,
    double Clv,
    double Horizon);
