using Loyalty.Core.Validation;
using MathNet.Numerics.Distributions;

namespace Loyalty.Core.Lifetime;

/// <summary>How to simulate a cohort.</summary>
/// <param name="Customers">Number of customers (&gt; 0).</param>
/// <param name="MinT">Smallest age T (≥ 0).</param>
/// <param name="MaxT">Largest age T (≥ MinT); T is uniform on [MinT, MaxT].</param>
/// <param name="Resolution">Time grid for recency and T (e.g. 1/7 week for daily data); 0 keeps continuous times.</param>
/// <param name="Seed">Random seed; the same settings give the same customers on any machine and thread count.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record SimulationSettings(int Customers, double MinT = 27, double MaxT = 39, double Resolution = 0, int Seed = 1)
{
    internal void Validate()
    {
        var v = new OptionsValidator(nameof(SimulationSettings));
        v.AtLeast(nameof(Customers), Customers, 1);
        if (v.NonNegative(nameof(MinT), MinT) & v.Finite(nameof(MaxT), MaxT))
        {
            v.Require(MaxT >= MinT, nameof(MaxT), FormattableString.Invariant($"must be >= MinT (was {MaxT}; MinT is {MinT})"));
        }

        v.NonNegative(nameof(Resolution), Resolution);
        v.ThrowIfInvalid("settings");
    }
}

/// <summary>
/// Draws synthetic customers from BG/NBD, MBG/NBD or Pareto/NBD with known parameters — for tests that a fit
/// recovers them, and for benchmarks at scale. Runs in parallel over fixed blocks, each with its own seeded stream.
/// </summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class CustomerSimulator
{
    private const int BlockSize = 65_536;

    /// <summary>Simulates customers from a purchase model's generative story.</summary>
    /// <param name="model">A <see cref="BgNbdModel"/>, <see cref="ModifiedBgNbdModel"/> or <see cref="ParetoNbdModel"/>.</param>
    /// <param name="settings">Cohort size, ages, time grid and seed.</param>
    /// <returns>Summaries with ids "0", "1", ...; monetary value 0.</returns>
    /// <exception cref="ArgumentException">Unsupported model or invalid settings.</exception>
    public static CustomerSummary[] Simulate(IClvModel model, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Func<Random, double, (int X, double Tx)> draw = model switch
        {
            BgNbdModel m => (rng, t) => BetaGeometric(rng, t, m.R, m.Alpha, m.A, m.B, dropAtStart: false),
            ModifiedBgNbdModel m => (rng, t) => BetaGeometric(rng, t, m.R, m.Alpha, m.A, m.B, dropAtStart: true),
            ParetoNbdModel m => (rng, t) => Pareto(rng, t, m.R, m.Alpha, m.S, m.Beta),
            _ => throw new ArgumentException($"Simulation supports bgnbd, mbgnbd and paretonbd, not '{model.Name}'.", nameof(model)),
        };

        var result = new CustomerSummary[settings.Customers];
        int blocks = (settings.Customers + BlockSize - 1) / BlockSize;
        Parallel.For(0, blocks, block =>
        {
            var rng = new Random(unchecked((settings.Seed * 1_000_003) + block)); // HashCode is per-process random; this is not
            int end = Math.Min(settings.Customers, (block + 1) * BlockSize);
            for (int i = block * BlockSize; i < end; i++)
            {
                double t = Snap(settings.MinT + ((settings.MaxT - settings.MinT) * rng.NextDouble()), settings.Resolution);
                var (x, tx) = draw(rng, t);
                tx = Math.Min(Snap(tx, settings.Resolution), t);
                result[i] = new CustomerSummary(new CustomerId(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), x, x == 0 ? 0 : tx, t, 0);
            }
        });
        return result;
    }

    private static double Snap(double t, double resolution) => resolution > 0 ? Math.Round(t / resolution) * resolution : t;

    /// <summary>Purchases at rate λ ~ Gamma(r, α); after each (and, for MBG, at time 0) drop out with p ~ Beta(a, b).</summary>
    private static (int, double) BetaGeometric(Random rng, double t, double r, double alpha, double a, double b, bool dropAtStart)
    {
        double lambda = Gamma.Sample(rng, r, alpha);
        double p = Beta.Sample(rng, a, b);
        if (dropAtStart && rng.NextDouble() < p)
        {
            return (0, 0);
        }

        int x = 0;
        double last = 0, now = 0;
        while (true)
        {
            now += Exponential.Sample(rng, lambda);
            if (now > t)
            {
                return (x, last);
            }

            x++;
            last = now;
            if (rng.NextDouble() < p)
            {
                return (x, last);
            }
        }
    }

    /// <summary>Purchases at rate λ ~ Gamma(r, α) until an exponential lifetime of rate μ ~ Gamma(s, β) ends.</summary>
    private static (int, double) Pareto(Random rng, double t, double r, double alpha, double s, double beta)
    {
        double lambda = Gamma.Sample(rng, r, alpha);
        double mu = Gamma.Sample(rng, s, beta);
        double end = Math.Min(t, Exponential.Sample(rng, mu));
        int x = 0;
        double last = 0, now = 0;
        while (true)
        {
            now += Exponential.Sample(rng, lambda);
            if (now > end)
            {
                return (x, last);
            }

            x++;
            last = now;
        }
    }
}
