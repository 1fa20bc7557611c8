namespace Loyalty.Core.Lifetime;

/// <summary>P(alive) and expected purchases for a whole customer base.</summary>
/// <param name="ProbabilityAlive">P(alive) per customer, input order.</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon per customer, input order.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record BatchPredictionResult(double[] ProbabilityAlive, double[] ExpectedPurchases);

/// <summary>
/// Predicts for many customers at once: each distinct (x, t_x, T) pattern is evaluated once, in parallel, and the
/// results are copied back in input order — on daily data millions of customers share far fewer patterns.
/// </summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class BatchPrediction
{
#pragma warning disable RS0026 // Overloads with optional parameters are safe here: the summaries and CustomerBase overloads differ in a required argument; the optional token is last, as .NET does it.
    /// <summary>P(alive) and E[Y(horizon)] for every customer.</summary>
    /// <param name="model">A fitted purchase model.</param>
    /// <param name="customers">Calibration summaries.</param>
    /// <param name="horizon">Horizon in the summaries' time unit (≥ 0).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>Arrays aligned with <paramref name="customers"/>.</returns>
    /// <exception cref="ArgumentException">A customer is inconsistent (named by row) or the horizon is invalid.</exception>
    public static BatchPredictionResult Predict(IClvModel model, IReadOnlyList<CustomerSummary> customers, double horizon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        if (!(double.IsFinite(horizon) && horizon >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "Must be a finite number >= 0.");
        }

        CustomerPatterns.Validate(customers, nameof(customers), requireRepeat: false);
        var (patterns, indexOf) = CustomerPatterns.Index(customers);
        return Predict(model, patterns, indexOf, horizon, cancellationToken);
    }

    /// <summary>P(alive) and E[Y(horizon)] for every customer of an already compressed base.</summary>
    /// <param name="model">A fitted purchase model.</param>
    /// <param name="customers">The compressed customers.</param>
    /// <param name="horizon">Horizon in the summaries' time unit (≥ 0).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>Arrays in the customers' original order.</returns>
    public static BatchPredictionResult Predict(IClvModel model, CustomerBase customers, double horizon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        if (!(double.IsFinite(horizon) && horizon >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "Must be a finite number >= 0.");
        }

        return Predict(model, customers.Patterns, customers.IndexOf, horizon, cancellationToken);
    }
#pragma warning restore RS0026

    private static BatchPredictionResult Predict(IClvModel model, CustomerPatterns patterns, int[] indexOf, double horizon, CancellationToken cancellationToken)
    {
        var alive = new double[patterns.Count];
        var purchases = new double[patterns.Count];
        Parallel.For(0, patterns.Count, new ParallelOptions { CancellationToken = cancellationToken }, p =>
        {
            var c = new CustomerSummary(default, patterns.X[p], patterns.Tx[p], patterns.T[p], 0);
            alive[p] = model.ProbabilityAlive(c);
            purchases[p] = model.ExpectedPurchases(c, horizon);
        });

        var aliveOut = new double[indexOf.Length];
        var purchasesOut = new double[indexOf.Length];
        for (int i = 0; i < indexOf.Length; i++)
        {
            aliveOut[i] = alive[indexOf[i]];
            purchasesOut[i] = purchases[indexOf[i]];
        }

        return new BatchPredictionResult(aliveOut, purchasesOut);
    }
}
