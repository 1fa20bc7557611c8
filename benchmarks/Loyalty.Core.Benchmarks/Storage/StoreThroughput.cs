using System.Diagnostics;
using System.Globalization;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.Sqlite;

namespace Loyalty.Core.Benchmarks.Storage;

/// <summary>
/// Store throughput in wall-clock time, for sizes BenchmarkDotNet's repetitions make impractical (10 M rows):
/// <c>store-throughput --store sqlite:PATH|postgres:CONNECTION [--rows N] [--customers N] [--batch N] [--order time|random] [--keyed]</c>.
/// Generates a seeded log in memory (no CSV parsing, so the store alone is timed), ingests it into a fresh store,
/// ingests it again (every row a duplicate), and computes the RFM summaries in the database.
/// </summary>
internal static class StoreThroughput
{
    internal static async Task<int> RunAsync(string[] args)
    {
        string store = Arg(args, "--store") ?? "sqlite:" + Path.Combine(Path.GetTempPath(), "loyalty-store-bench.db");
        long rows = long.Parse(Arg(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        int customers = int.Parse(Arg(args, "--customers") ?? (rows / 10).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int batch = int.Parse(Arg(args, "--batch") ?? "50000", CultureInfo.InvariantCulture);
        bool timeOrdered = (Arg(args, "--order") ?? "time") == "time";
        var options = new LoyaltyStoreOptions
        {
            Pseudonymizer = args.Contains("--keyed") ? CustomerPseudonymizer.WithKey(new byte[32]) : CustomerPseudonymizer.None,
            BatchSize = batch,
        };

        if (args.Contains("--keys-only"))
        {
            // The part of ingest that is not the database: generating the log and deriving keys and pseudonyms.
            var timer = Stopwatch.StartNew();
            var keyer = new TransactionKeyer(options.Pseudonymizer);
            long n = 0;
            await foreach (var t in Log(rows, customers, timeOrdered))
            {
                keyer.Prepare(t, ++n);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"keys only: {timer.Elapsed.TotalSeconds:0.00} s ({rows / timer.Elapsed.TotalSeconds / 1000:0} k rows/s)"));
            return 0;
        }

        if (args.Contains("--summarize-only"))
        {
            // Re-times the summaries of a store an earlier run filled (same --store, same log).
            await using var existing = await SqliteLoyaltyStore.OpenAsync(store["sqlite:".Length..], options);
            var timer = Stopwatch.StartNew();
            long count = 0;
            await foreach (var _ in existing.SummarizeAsync(Window))
            {
                count++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RFM {timer.Elapsed.TotalSeconds:0.00} s ({count:N0} customers)"));
            return 0;
        }

        await using var opened = await OpenFreshAsync(store, options);
        var watch = Stopwatch.StartNew();
        long nextReport = 1_000_000;
        var first = await opened.AppendAsync(Log(rows, customers, timeOrdered), new SyncProgress(p =>
        {
            if (args.Contains("--verbose") && p.Read >= nextReport)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Read:N0} rows committed at {watch.Elapsed.TotalSeconds:0.00} s"));
                nextReport += 1_000_000;
            }
        }));
        double ingest = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var again = await opened.AppendAsync(Log(rows, customers, timeOrdered));
        double reingest = watch.Elapsed.TotalSeconds;
        watch.Restart();
        long summaries = 0;
        await foreach (var _ in opened.SummarizeAsync(Window))
        {
            summaries++;
        }

        double rfm = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{store.Split(':')[0]} rows={rows:N0} customers={customers:N0} batch={batch:N0} order={(timeOrdered ? "time" : "random")} keyed={options.Pseudonymizer.IsKeyed}: " +
            $"ingest {ingest:0.00} s ({first.Inserted / ingest / 1000:0} k rows/s), re-ingest {reingest:0.00} s ({again.Duplicates / reingest / 1000:0} k rows/s, {again.Inserted} new), " +
            $"RFM {rfm:0.00} s ({summaries:N0} customers)"));
        return first.Inserted == rows && again.Inserted == 0 ? 0 : 1;
    }

    /// <summary>Reports on the committing thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<IngestResult> report) : IProgress<IngestResult>
    {
        public void Report(IngestResult value) => report(value);
    }

    private static readonly SummaryWindow Window = new(new DateTime(2024, 6, 30), new DateTime(2024, 12, 31), TimeUnit.Week);

    private static async Task<RelationalLoyaltyStore> OpenFreshAsync(string store, LoyaltyStoreOptions options)
    {
        if (store.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            string path = store["sqlite:".Length..];
            foreach (string file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }

            return await SqliteLoyaltyStore.OpenAsync(path, options);
        }

        if (store.StartsWith("postgres:", StringComparison.Ordinal))
        {
            return await PostgresFreshStore.OpenAsync(store["postgres:".Length..], options);
        }

        throw new ArgumentException($"Unknown store '{store}'; use sqlite:PATH or postgres:CONNECTION.", nameof(store));
    }

    /// <summary>Two years of purchases; customers skewed (a few buy a lot); time-ordered like an export of an
    /// order table, or shuffled.</summary>
    private static async IAsyncEnumerable<Transaction> Log(long rows, int customers, bool timeOrdered)
    {
        var random = new Random(42);
        var start = new DateTime(2023, 1, 1);
        var ids = Enumerable.Range(0, customers).Select(i => new CustomerId("C" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        for (long i = 0; i < rows; i++)
        {
            int day = timeOrdered ? (int)(i * 730 / rows) : random.Next(730);
            var at = start.AddDays(day).AddSeconds(random.Next(86_400));
            yield return new Transaction(ids[(int)(customers * Math.Pow(random.NextDouble(), 2))], at, random.Next(100, 50_000) / 100m);
        }

        await Task.CompletedTask;
    }

    private static string? Arg(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
