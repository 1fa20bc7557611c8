using Loyalty.Core.Collection;
using Loyalty.Core.Features;
using Loyalty.Core.Storage;

namespace Loyalty.Core.Tests.Storage;

/// <summary>
/// The behaviour every store must have, run against each implementation (SQLite, PostgreSQL): idempotent ingest,
/// RFM in SQL equal to the in-memory builder, pseudonyms, key and version checks, erasure from every table,
/// opt-out, idempotent feedback, assignments and the durable ledger under concurrency.
/// </summary>
public abstract partial class StoreContractTests
{
    protected static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    protected static LoyaltyStoreOptions Keyed => new() { Pseudonymizer = CustomerPseudonymizer.WithKey(Key), BatchSize = 1000 };

    protected static LoyaltyStoreOptions Clear => new() { Pseudonymizer = CustomerPseudonymizer.None, BatchSize = 1000 };

    /// <summary>A new, empty database; returns what <see cref="OpenAsync"/> needs to reach it.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>Opens the store on a database from <see cref="NewDatabaseAsync"/>.</summary>
    protected abstract Task<RelationalLoyaltyStore> OpenAsync(string database, LoyaltyStoreOptions options);

    /// <summary>Every table of the database with its column names (lower case).</summary>
    protected abstract Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListTablesAsync(string database);

    /// <summary>Runs a statement directly against the database; returns the first column of the first row.</summary>
    protected abstract Task<object?> ExecuteSqlAsync(string database, string sql);

    protected async Task<(string Database, RelationalLoyaltyStore Store)> NewStoreAsync(LoyaltyStoreOptions options)
    {
        string database = await NewDatabaseAsync();
        return (database, await OpenAsync(database, options));
    }

    protected static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask;
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    protected static List<Transaction> RandomLog(int seed, int customers, int rows, bool returns)
    {
        var random = new Random(seed);
        var start = new DateTime(2024, 1, 1);
        var log = new List<Transaction>(rows);
        for (int i = 0; i < rows; i++)
        {
            var id = new CustomerId("c" + random.Next(customers));
            var at = start.AddDays(random.Next(300)).AddMinutes(random.Next(3) * 7);
            decimal amount = Math.Round((decimal)(random.NextDouble() * 200), 2);
            if (returns && random.Next(20) == 0)
            {
                amount = -amount;
            }

            log.Add(new Transaction(id, at, amount));
            if (random.Next(30) == 0)
            {
                log.Add(new Transaction(id, at, amount)); // identical row: a second, real purchase
            }
        }

        return log;
    }

    protected static RfmResult InMemory(IEnumerable<Transaction> log, SummaryWindow window)
    {
        var builder = new RfmBuilder(new RfmOptions
        {
            TimeUnit = window.Unit,
            CalibrationEnd = window.CalibrationEnd,
            ObservationEnd = window.ObservationEnd,
            Cleaning = CleaningPolicy.Default with { Returns = ReturnPolicy.Drop },
        });
        foreach (var t in log)
        {
            builder.Add(t);
        }

        return builder.Build();
    }

    protected static void AssertSameSummaries(IReadOnlyList<CustomerSummary> expected, IReadOnlyList<CustomerSummary> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var byId = actual.ToDictionary(s => s.CustomerId);
        foreach (var e in expected)
        {
            var a = byId[e.CustomerId];
            Assert.Equal(e.Frequency, a.Frequency);
            Assert.Equal(e.Recency, a.Recency, 1e-12);
            Assert.Equal(e.T, a.T, 1e-12);
            Assert.Equal(e.MonetaryValue, a.MonetaryValue, 1e-9);
            Assert.Equal(e.Holdout.HasValue, a.Holdout.HasValue);
            if (e.Holdout is { } eh && a.Holdout is { } ah)
            {
                Assert.Equal(eh.Frequency, ah.Frequency);
                Assert.Equal(eh.Duration, ah.Duration, 1e-12);
                Assert.Equal(eh.MonetaryValue, ah.MonetaryValue, 1e-9);
            }
        }
    }

    [SkippableFact]
    public async Task AppendAsync_SameTransactionsTwice_SecondInsertsNothing()
    {
        var (_, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        var log = RandomLog(1, 50, 3_000, returns: true);

        var first = await store.AppendAsync(Stream(log));
        var second = await store.AppendAsync(Stream(log));

        Assert.Equal(new IngestResult(log.Count, log.Count, 0, 0), first);
        Assert.Equal(new IngestResult(log.Count, 0, log.Count, 0), second);
        Assert.Equal(log.Count, (await ToListAsync(store.ReadAsync())).Count);
    }

    [SkippableFact]
    public async Task AppendAsync_IdenticalRows_KeepsEveryCopyOnce()
    {
        var (_, store) = await NewStoreAsync(Clear);
        await using var _ = store;
        var row = new Transaction(new CustomerId("a"), new DateTime(2024, 3, 1, 10, 0, 0), 12.50m);
        var log = new[] { row, row, row };

        var first = await store.AppendAsync(Stream(log));
        var again = await store.AppendAsync(Stream(log.Take(2)));
        var more = await store.AppendAsync(Stream(log.Append(row)));

        Assert.Equal(3, first.Inserted);
        Assert.Equal(0, again.Inserted);
        Assert.Equal(1, more.Inserted);
        Assert.Equal(4, (await ToListAsync(store.ReadAsync())).Count);
    }

    [SkippableFact]
    public async Task AppendAsync_RepeatedOrderIdOnTheSameDay_CountsDuplicate()
    {
        var (_, store) = await NewStoreAsync(Clear);
        await using var _ = store;
        var log = new[]
        {
            new Transaction(new CustomerId("a"), new DateTime(2024, 3, 1), 10m, "o-1", ["sku-1", "sku-2"]),
            new Transaction(new CustomerId("a"), new DateTime(2024, 3, 1, 18, 0, 0), 11m, "o-1"), // re-sent, corrected: same order and day
            new Transaction(new CustomerId("b"), new DateTime(2024, 3, 2), 12m, "o-2"),
        };

        var result = await store.AppendAsync(Stream(log));

        Assert.Equal(new IngestResult(3, 2, 1, 0), result);
        var stored = await ToListAsync(store.ReadAsync());
        Assert.Equal(["o-1", "o-2"], stored.Select(t => t.OrderId));
        Assert.Equal(["sku-1", "sku-2"], stored[0].ItemIds!);
        Assert.Null(stored[1].ItemIds);
    }

    [SkippableFact]
    public async Task AppendAsync_MoreThanFourDecimals_ThrowsNamingTheRow()
    {
        var (_, store) = await NewStoreAsync(Clear);
        await using var _ = store;
        var log = new[]
        {
            new Transaction(new CustomerId("a"), new DateTime(2024, 3, 1), 10m),
            new Transaction(new CustomerId("b"), new DateTime(2024, 3, 1), 1.00001m),
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(Stream(log)));

        Assert.Contains("Transaction 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("four decimals", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReadAsync_StoredLog_OrderedByCustomerThenTimeWithAmountsExact()
    {
        var (_, store) = await NewStoreAsync(Clear);
        await using var _ = store;
        var log = RandomLog(2, 20, 500, returns: true);
        await store.AppendAsync(Stream(log));

        var read = await ToListAsync(store.ReadAsync());

        var expected = log.OrderBy(t => t.CustomerId.Value, StringComparer.Ordinal).ThenBy(t => t.Timestamp)
            .Select(t => (t.CustomerId.Value, t.Timestamp, t.Amount)).ToList();
        Assert.Equal(expected.Select(e => (e.Value, e.Timestamp)), read.Select(t => (t.CustomerId.Value, t.Timestamp)));
        Assert.Equal(expected.Select(e => e.Amount).Order(), read.Select(t => t.Amount).Order());
    }

    [SkippableTheory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public async Task SummarizeAsync_RandomLog_EqualsInMemoryBuilder(int seed, bool holdout)
    {
        var (_, store) = await NewStoreAsync(Clear);
        await using var _ = store;
        var log = RandomLog(seed, 300, 6_000, returns: true);
        await store.AppendAsync(Stream(log));
        var window = new SummaryWindow(new DateTime(2024, 7, 31), holdout ? new DateTime(2024, 10, 15) : null, TimeUnit.Week);

        var sql = await ToListAsync(store.SummarizeAsync(window));

        var memory = InMemory(log, window);
        AssertSameSummaries(memory.Summaries, sql);
        Assert.Equal(sql.Select(s => s.CustomerId.Value).Order(StringComparer.Ordinal), sql.Select(s => s.CustomerId.Value));
    }

    [SkippableFact]
    public async Task SummarizeAsync_CdnowSample_EqualsInMemoryBuilder()
    {
        var (_, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        var source = new TransactionFileSource(TestData.Bundled("cdnow", "CDNOW_sample.txt"), new TransactionFileOptions { Format = TransactionFileFormat.Cdnow });
        var log = await ToListAsync(source.ReadAsync());
        var ingest = await store.AppendAsync(Stream(log));
        var window = new SummaryWindow(new DateTime(1997, 9, 30), new DateTime(1998, 6, 30), TimeUnit.Week);

        var sql = await ToListAsync(store.SummarizeAsync(window));

        Assert.Equal(log.Count, ingest.Inserted); // the sample's 21 identical rows are kept, as the published summaries count them
        var memory = InMemory(log.Select(t => t with { CustomerId = store.ToStoredId(t.CustomerId) }), window);
        Assert.Equal(2357, sql.Count);
        AssertSameSummaries(memory.Summaries, sql);
    }
}
