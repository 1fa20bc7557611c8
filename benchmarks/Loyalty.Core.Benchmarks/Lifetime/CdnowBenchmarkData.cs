using System.Globalization;
using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Benchmarks.Lifetime;

/// <summary>Loads the bundled CDNOW summary and donations table for the CLV benchmarks.</summary>
internal static class CdnowBenchmarkData
{
    internal static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Loyalty.Core.sln")))
            {
                return Path.Combine([dir.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException("Loyalty.Core.sln not found above " + AppContext.BaseDirectory);
    }

    internal static CustomerSummary[] Customers() =>
        File.ReadLines(RepoFile("tests", "data", "cdnow", "cdnow_customers_summary_with_transactions.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => new CustomerSummary(new CustomerId(f[0]), int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToArray();

    internal static DiscretePattern[] Donations() =>
        File.ReadLines(RepoFile("tests", "data", "cdnow", "donations.csv")).Skip(1)
            .Select(l => l.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(f => new DiscretePattern(f[0], f[1], f[2], f[3]))
            .ToArray();
}
