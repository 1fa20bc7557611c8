using MathNet.Numerics.LinearAlgebra;

namespace Loyalty.Core.Lifetime;

/// <summary>A CLV interval for one customer.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Lower">Lower percentile of the resampled CLVs.</param>
/// <param name="Median">Median of the resampled CLVs.</param>
/// <param name="Upper">Upper percentile of the resampled CLVs.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct ClvInterval(CustomerId CustomerId, double Lower, double Median, double Upper);

/// <summary>
/// Intervals for CLV from parameter uncertainty: draw log-parameters from the fits' asymptotic normal distribution
/// N(û, Σ) (Σ the inverse observed information, see <see cref="FitReport.LogParameterCovariance"/>), recompute
/// each customer's CLV, and take percentiles. Seeded, so the same call gives the same intervals.
/// </summary>
/// <remarks>Memory is draws × customers doubles; for millions of customers, run it on a sample.
/// Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class ClvBootstrap
{
    /// <summary>Parameter-resampling intervals.</summary>
    /// <param name="calculator">A calculator over fitted models (their reports must carry a covariance).</param>
    /// <param name="customers">The customers to value.</param>
    /// <param name="draws">Number of parameter draws (≥ 20).</param>
    /// <param name="level">Central coverage in (0, 1), e.g. 0.9 for the 5th–95th percentiles.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>One interval per customer, in input order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is below 20 or <paramref name="level"/> is
    /// outside (0, 1).</exception>
    /// <exception cref="ArgumentException">A model without covariance.</exception>
    public static IReadOnlyList<ClvInterval> ParameterResampling(
        ClvCalculator calculator, IReadOnlyList<CustomerSummary> customers, int draws = 200, double level = 0.9, int seed = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 20);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Must lie in (0, 1).");
        }

        var purchaseSampler = Sampler.For(calculator.Purchases.Name, calculator.Purchases.Parameters, ModelFactory.ReportOf(calculator.Purchases), nameof(calculator));
        var spendModel = calculator.Spend as GammaGammaModel;
        var spendSampler = spendModel is null ? null : Sampler.For("gammagamma", spendModel.Parameters, spendModel.Report, nameof(calculator));

        var rng = new Random(seed);
        var values = new double[customers.Count][];
        for (int i = 0; i < customers.Count; i++)
        {
            values[i] = new double[draws];
        }

        for (int d = 0; d < draws; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var purchases = ModelFactory.Purchase(calculator.Purchases.Name, purchaseSampler.Draw(rng));
            ISpendModel spend = calculator.Spend;
            if (spendSampler is not null)
            {
                var p = spendSampler.Draw(rng);
                spend = new GammaGammaModel(p[0], p[1], p[2]);
            }

            var drawCalculator = new ClvCalculator(purchases, spend, calculator.Options);
            int column = d;
            Parallel.For(0, customers.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                values[i][column] = drawCalculator.Estimate(customers[i]).Clv);
        }

        double tail = (1 - level) / 2;
        var intervals = new ClvInterval[customers.Count];
        for (int i = 0; i < customers.Count; i++)
        {
            Array.Sort(values[i]);
            intervals[i] = new ClvInterval(customers[i].CustomerId, Percentile(values[i], tail), Percentile(values[i], 0.5), Percentile(values[i], 1 - tail));
        }

        return intervals;
    }

    private static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(position);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((position - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>Draws exp(û + L·ε), L the Cholesky factor of Σ.</summary>
    private sealed class Sampler
    {
        private readonly double[] _mean;
        private readonly Matrix<double> _factor;

        private Sampler(double[] mean, Matrix<double> factor)
        {
            _mean = mean;
            _factor = factor;
        }

        internal static Sampler For(string model, IReadOnlyDictionary<string, double> parameters, FitReport? report, string argument)
        {
            var names = ModelFactory.ParameterNames(model);
            int n = names.Count;
            if (report is null || report.LogParameterCovariance.Count != n * n)
            {
                throw new ArgumentException($"The {model} model has no parameter covariance (not fitted, or its Hessian was not positive definite); intervals need one.", argument);
            }

            var mean = names.Select(name => Math.Log(parameters[name])).ToArray();
            var covariance = Matrix<double>.Build.Dense(n, n, (i, j) => report.LogParameterCovariance[(i * n) + j]);
            return new Sampler(mean, covariance.Cholesky().Factor);
        }

        internal double[] Draw(Random rng)
        {
            int n = _mean.Length;
            var e = new double[n];
            for (int i = 0; i < n; i++)
            {
                e[i] = StandardNormal(rng);
            }

            var sample = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = _mean[i];
                for (int j = 0; j <= i; j++)
                {
                    s += _factor[i, j] * e[j];
                }

                sample[i] = Math.Exp(s);
            }

            return sample;
        }

        private static double StandardNormal(Random rng)
        {
            // Box–Muller; 1 − U avoids ln 0.
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
