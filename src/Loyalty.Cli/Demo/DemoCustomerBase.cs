using System.Globalization;
using Loyalty.Core;
using MathNet.Numerics.Distributions;

namespace Loyalty.Cli.Demo;

/// <summary>
/// The demo's simulated shop: customers buy following the buy-till-you-die story the CLV models assume (a Poisson
/// purchase rate λ ~ Gamma, a drop-out chance p ~ Beta after each purchase) and spend around a personal mean
/// (Gamma around a Gamma-distributed mean), over two years. About 20 transactions per customer. The stream is
/// regenerated from the seed on every enumeration, so it is never held in memory whole and reads the same twice.
/// </summary>
internal sealed class DemoCustomerBase
{
    /// <summary>First day of the simulated history.</summary>
    internal static readonly DateTime Start = new(2024, 1, 1);

    /// <summary>Last day of the history, used as the calibration end.</summary>
    internal static readonly DateTime End = new(2025, 12, 31);

    private const int HistoryDays = 731;
    private const int LatestAcquisitionDay = 640; // every customer has at least three months of history

    internal DemoCustomerBase(int customers, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        Customers = customers;
        Seed = seed;
    }

    internal int Customers { get; }

    internal int Seed { get; }

    /// <summary>Expected number of transactions, for progress bars (measured on the generator, ≈ 20 per customer).</summary>
    internal long ExpectedTransactions => Customers * 20L;

    /// <summary>Customer ids sort in number order, so "every n-th in id order" is every n-th customer simulated.</summary>
    internal static CustomerId IdOf(int customer) => new("C" + customer.ToString("D7", CultureInfo.InvariantCulture));

    /// <summary>Every purchase, customer by customer, in time order within a customer.</summary>
    internal IEnumerable<Transaction> Transactions()
    {
        var random = new Random(Seed);
        for (int customer = 0; customer < Customers; customer++)
        {
            var id = IdOf(customer);
            int acquired = random.Next(LatestAcquisitionDay);
            double rate = Gamma.Sample(random, 0.9, 9.0);           // purchases per day, mean 0.1
            double dropOut = Beta.Sample(random, 1.0, 24.0);          // chance to leave after each purchase, mean 0.04
            double meanSpend = Gamma.Sample(random, 2.5, 1.0 / 56);   // personal mean spend, mean 140
            double day = acquired;
            while (true)
            {
                yield return new Transaction(id, Start.AddDays(day), Amount(random, meanSpend));
                if (random.NextDouble() < dropOut)
                {
                    break;
                }

                day += Exponential.Sample(random, rate);
                if (day >= HistoryDays)
                {
                    break;
                }
            }
        }
    }

    /// <summary>A spend around the customer's mean (coefficient of variation 0.35), in cents, at least 1.</summary>
    private static decimal Amount(Random random, double meanSpend)
    {
        double amount = Gamma.Sample(random, 8.0, 8.0 / meanSpend);
        return Math.Max(1m, Math.Round((decimal)amount, 2));
    }
}
