using Loyalty.Core;
using Loyalty.Core.Recommendation;
using Loyalty.Core.Reporting;

namespace Loyalty.Cli.Demo;

/// <summary>
/// Product suggestions beside the rewards: each sampled customer's purchases get items from a catalogue of 120
/// products in 6 categories (mostly from the customer's favourite category, popular items more often), an implicit
/// ALS model is fitted on them, and the first customers get their top 3. A deterministic sample (every n-th customer
/// in id order, at most <see cref="MaxCustomers"/>) keeps this stage short on large bases.
/// </summary>
internal static class DemoRecommendations
{
    internal const int MaxCustomers = 5000;
    private const int Categories = 6, ItemsPerCategory = 20;

    internal static IReadOnlyList<CustomerRecommendations> Run(IReadOnlyList<CustomerSummary> summaries, int seed, int examples, CancellationToken cancellationToken)
    {
        if (summaries.Count == 0)
        {
            return [];
        }

        int stride = Math.Max(1, (int)Math.Ceiling(summaries.Count / (double)MaxCustomers));
        var sample = summaries.Where((_, i) => i % stride == 0).ToList();
        var random = new Random(unchecked((seed * 131) + 3));
        var interactions = new List<Interaction>();
        foreach (var customer in sample)
        {
            int favourite = random.Next(Categories);
            int purchases = Math.Min(30, customer.Frequency + 1);
            for (int k = 0; k < purchases; k++)
            {
                int category = random.NextDouble() < 0.7 ? favourite : random.Next(Categories);
                double u = random.NextDouble();
                int item = (category * ItemsPerCategory) + (int)(u * u * ItemsPerCategory); // squared: popular items first
                interactions.Add(new Interaction(customer.CustomerId.Value, "P" + (item + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), 1f));
            }
        }

        var model = new ImplicitAlsRecommender(new ImplicitAlsOptions { Factors = 16, Iterations = 8, Seed = seed, Threads = Environment.ProcessorCount })
            .Fit(interactions, null, cancellationToken);
        return sample.Take(examples).Select(c => new CustomerRecommendations(c.CustomerId, model.RecommendTop(c.CustomerId.Value, 3))).ToList();
    }
}
