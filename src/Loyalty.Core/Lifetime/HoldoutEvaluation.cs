namespace Loyalty.Core.Lifetime;

/// <summary>Predicted against actual holdout purchases for the customers with a given calibration frequency.</summary>
/// <param name="Frequency">Calibration frequency x (the last row holds x ≥ this value).</param>
/// <param name="IsOpenEnded">True for the last, "x or more", row.</param>
/// <param name="Customers">Customers in the row.</param>
/// <param name="MeanPredicted">Mean predicted holdout purchases.</param>
/// <param name="MeanActual">Mean actual holdout purchases.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct HoldoutFrequencyRow(int Frequency, bool IsOpenEnded, int Customers, double MeanPredicted, double MeanActual);

/// <summary>
/// Calibration-versus-holdout check of a purchase model: for each customer the model predicts purchases over the
/// customer's own holdout window (<see cref="HoldoutObservation.Duration"/>) and the prediction is set against
/// <see cref="HoldoutObservation.Frequency"/>; rows by calibration frequency (the classic "conditional expectations"
/// plot) and aggregate errors.
/// </summary>
/// <param name="ByFrequency">Rows by calibration frequency.</param>
/// <param name="Customers">Customers evaluated.</param>
/// <param name="TotalPredicted">Sum of predicted holdout purchases.</param>
/// <param name="TotalActual">Sum of actual holdout purchases.</param>
/// <param name="MeanAbsoluteError">Mean |predicted − actual| per customer.</param>
/// <param name="RootMeanSquaredError">Root mean squared error per customer.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record HoldoutEvaluation(
    IReadOnlyList<HoldoutFrequencyRow> ByFrequency,
    int Customers,
    double TotalPredicted,
    double TotalActual,
    double MeanAbsoluteError,
    double RootMeanSquaredError)
{
    /// <summary>(TotalPredicted − TotalActual) / TotalActual; NaN when there were no actual purchases.</summary>
    public double AggregateRelativeError => TotalActual > 0 ? (TotalPredicted - TotalActual) / TotalActual : double.NaN;

    /// <summary>Evaluates <paramref name="model"/> on customers that carry a holdout observation.</summary>
    /// <param name="model">The fitted purchase model.</param>
    /// <param name="customers">Calibration summaries with <see cref="CustomerSummary.Holdout"/> set.</param>
    /// <param name="openEndedFrom">Calibration frequencies at or above this share the last row (≥ 1).</param>
    /// <returns>The evaluation.</returns>
    /// <exception cref="ArgumentException">No customers, a customer without holdout data or with a negative holdout
    /// frequency or duration (named by row), or openEndedFrom &lt; 1.</exception>
    public static HoldoutEvaluation Evaluate(IClvModel model, IReadOnlyList<CustomerSummary> customers, int openEndedFrom = 7)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        var problems = new List<string>();
        if (openEndedFrom < 1)
        {
            problems.Add($"openEndedFrom ({openEndedFrom}) must be ≥ 1");
        }

        if (customers.Count == 0)
        {
            problems.Add("customers is empty");
        }

        for (int i = 0; i < customers.Count && problems.Count < 20; i++)
        {
            if (customers[i].Holdout is not { } h)
            {
                problems.Add($"customers[{i}].Holdout is missing");
            }
            else if (h.Frequency < 0 || !(h.Duration >= 0) || double.IsInfinity(h.Duration))
            {
                problems.Add(FormattableString.Invariant($"customers[{i}].Holdout (Frequency {h.Frequency}, Duration {h.Duration}) must have Frequency ≥ 0 and a finite Duration ≥ 0"));
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems) + ".", nameof(customers));
        }

        var predicted = new double[customers.Count];
        Parallel.For(0, customers.Count, i => predicted[i] = model.ExpectedPurchases(customers[i], customers[i].Holdout!.Value.Duration));

        var sums = new Dictionary<int, (int N, double P, double A)>();
        double totalP = 0, totalA = 0, abs = 0, sq = 0;
        for (int i = 0; i < customers.Count; i++)
        {
            double actual = customers[i].Holdout!.Value.Frequency;
            int bucket = Math.Min(customers[i].Frequency, openEndedFrom);
            var s = sums.GetValueOrDefault(bucket);
            sums[bucket] = (s.N + 1, s.P + predicted[i], s.A + actual);
            totalP += predicted[i];
            totalA += actual;
            abs += Math.Abs(predicted[i] - actual);
            sq += (predicted[i] - actual) * (predicted[i] - actual);
        }

        var rows = sums.OrderBy(kv => kv.Key)
            .Select(kv => new HoldoutFrequencyRow(kv.Key, kv.Key == openEndedFrom, kv.Value.N, kv.Value.P / kv.Value.N, kv.Value.A / kv.Value.N))
            .ToList();
        int n = customers.Count;
        return new HoldoutEvaluation(rows, n, totalP, totalA, abs / n, Math.Sqrt(sq / n));
    }
}
