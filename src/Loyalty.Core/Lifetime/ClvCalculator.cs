namespace Loyalty.Core.Lifetime;

/// <summary>Values customers over a horizon from a purchase model and a spend model, with monthly discounting.
/// Immutable and thread-safe.</summary>
/// <remarks>CLV = E[M | x, z̄]·Σ_i (E[Y(t_i)] − E[Y(t_{i−1})]) / (1 + d)^{t_i/f}; see <see cref="ClvOptions"/>.</remarks>
public sealed class ClvCalculator
{
    /// <summary>Creates a calculator.</summary>
    /// <param name="purchases">The fitted purchase model.</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="options">Horizon, discount rate and units per month.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ClvCalculator(IClvModel purchases, ISpendModel spend, ClvOptions options)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Purchases = purchases;
        Spend = spend;
        Options = options;
    }

    /// <summary>The purchase model.</summary>
    public IClvModel Purchases { get; }

    /// <summary>The spend model.</summary>
    public ISpendModel Spend { get; }

    /// <summary>The settings.</summary>
    public ClvOptions Options { get; }

    /// <summary>Values one customer.</summary>
    /// <param name="customer">The calibration summary.</param>
    /// <returns>P(alive), expected purchases over the horizon, expected spend and discounted CLV.</returns>
    /// <exception cref="ArgumentException">The summary is inconsistent.</exception>
    public ClvEstimate Estimate(in CustomerSummary customer)
    {
        double spend = Spend.ExpectedAverageSpend(customer.Frequency, customer.MonetaryValue);
        double pAlive = Purchases.ProbabilityAlive(customer);
        double purchases = Purchases.ExpectedPurchases(customer, Options.Horizon);
        double clv = spend * DiscountedPurchases(Purchases, customer, Options);
        return new ClvEstimate(customer.CustomerId, pAlive, purchases, spend, clv, Options.Horizon);
    }

    /// <summary>Values every customer, in input order, in parallel.</summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>One estimate per customer, same order.</returns>
    public IReadOnlyList<ClvEstimate> EstimateAll(IReadOnlyList<CustomerSummary> customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var results = new ClvEstimate[customers.Count];
        Parallel.For(0, customers.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = Estimate(customers[i]));
        return results;
    }

    /// <summary>Σ_i (E[Y(t_i)] − E[Y(t_{i−1})]) / (1 + d)^{t_i/f}: discounted expected purchases over the horizon.</summary>
    internal static double DiscountedPurchases(IClvModel model, in CustomerSummary customer, ClvOptions options)
    {
        double f = options.UnitsPerMonth, horizon = options.Horizon;
        int steps = (int)Math.Ceiling((horizon / f) - 1e-12);
        double previous = 0, total = 0;
        for (int i = 1; i <= steps; i++)
        {
            double t = Math.Min(i * f, horizon);
            double cumulative = model.ExpectedPurchases(customer, t);
            total += (cumulative - previous) / Math.Pow(1 + options.MonthlyDiscountRate, t / f);
            previous = cumulative;
        }

        return total;
    }
}
