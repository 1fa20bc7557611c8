using System.Globalization;
using System.Text;

namespace Loyalty.Core.Benchmarks.Features;

/// <summary>Writes a synthetic CSV transaction log (customer_id,date,amount) for throughput benchmarks.</summary>
internal static class TransactionLogGenerator
{
    /// <summary>Writes <paramref name="rows"/> rows for <paramref name="customers"/> customers over two years, seeded.</summary>
    internal static string EnsureFile(long rows, int customers, int seed = 42)
    {
        string path = Path.Combine(Path.GetTempPath(), $"loyalty-bench-{rows}-{customers}-{seed}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        var random = new Random(seed);
        var start = new DateTime(2023, 1, 1);
        string temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("customer_id,date,amount\n");
            for (long i = 0; i < rows; i++)
            {
                // Skewed customers (a few buy a lot), random days, amounts with cents.
                int customer = (int)(customers * Math.Pow(random.NextDouble(), 2));
                var day = start.AddDays(random.Next(730));
                writer.Write("C");
                writer.Write(customer.ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write((random.Next(100, 50000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture));
                writer.Write('\n');
            }
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }
}
