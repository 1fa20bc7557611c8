using Loyalty.Core.Rewards;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.PostgreSql;

namespace Loyalty.Core.Tests.Storage;

/// <summary>What only the PostgreSQL store has to show: connection-string errors, refusing a newer schema, and many
/// writers (separate stores stand for separate processes) with no lost update, overdraft or deadlock.</summary>
public sealed class PostgresLoyaltyStoreTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static LoyaltyStoreOptions Clear => new() { Pseudonymizer = CustomerPseudonymizer.None, BatchSize = 500 };

    [Theory]
    [InlineData("Host=127.0.0.1;Bogus Key=1")]
    [InlineData("Host=127.0.0.1;Port=not-a-number")]
    [InlineData("Database=loyalty")]
    [InlineData("this is not a connection string")]
    public async Task OpenAsync_MalformedConnectionString_ThrowsNamingTheParameter(string connectionString)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => PostgresLoyaltyStore.OpenAsync(connectionString, Clear));

        Assert.Equal("connectionString", error.ParamName);
    }

    [Fact]
    public async Task OpenAsync_InvalidOptions_ThrowsBeforeConnecting()
    {
        // Port 1 has no server: reaching it would fail differently, so the options were checked first.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => PostgresLoyaltyStore.OpenAsync("Host=127.0.0.1;Port=1", new LoyaltyStoreOptions { BatchSize = 0 }));

        Assert.Contains("Pseudonymizer", error.Message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task OpenAsync_StoreOfNewerSchemaVersion_ThrowsAndLeavesTheStoreAsItWas()
    {
        string schema = await database.NewSchemaAsync();
        int supported;
        await using (var store = await PostgresLoyaltyStore.OpenAsync(schema, Clear))
        {
            supported = store.SchemaVersion;
            await store.RecordAsync(new FeedbackEvent("kept", new CustomerId("a"), FeedbackKind.Issued, new DateTime(2024, 1, 1)));
        }

        await PostgresDatabaseFixture.ScalarAsync(schema,
            $"INSERT INTO loyalty_schema_version (version, description, applied_at) VALUES ({supported + 5}, 'newer library', '2099-01-01')");

        var error = await Assert.ThrowsAsync<StoreSchemaVersionException>(() => PostgresLoyaltyStore.OpenAsync(schema, Clear));

        Assert.Equal((supported + 5, supported), (error.StoreVersion, error.SupportedVersion));
        Assert.Contains($"version {supported + 5}", error.Message, StringComparison.Ordinal);
        Assert.Equal(supported + 1L, await PostgresDatabaseFixture.ScalarAsync(schema, "SELECT COUNT(*) FROM loyalty_schema_version"));
        Assert.Equal(1L, await PostgresDatabaseFixture.ScalarAsync(schema, "SELECT COUNT(*) FROM loyalty_feedback"));
    }

    [SkippableFact]
    public async Task OpenAsync_ManyOpenersOnAnEmptySchema_MigrateOnce()
    {
        string schema = await database.NewSchemaAsync();

        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostgresLoyaltyStore.OpenAsync(schema, Clear))));

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.Equal((long)stores[0].SchemaVersion, await PostgresDatabaseFixture.ScalarAsync(schema, "SELECT COUNT(*) FROM loyalty_schema_version"));
    }

    [SkippableFact]
    public async Task RecordManyAsync_ManyWritersWithOverlappingEvents_StoresEachEventOnce()
    {
        string schema = await database.NewSchemaAsync();
        var events = Enumerable.Range(0, 400)
            .Select(i => new FeedbackEvent($"ev-{i:D4}", new CustomerId($"c{i % 7}"), (FeedbackKind)(i % 5), new DateTime(2024, 1, 1).AddMinutes(i), "offer", 2.5m))
            .ToArray();
        var stores = await OpenManyAsync(schema, 6);
        long inserted = 0, duplicates = 0;

        // Every writer records every event, in its own order and batches, so the same keys are contended for in
        // opposite orders (the shape that deadlocks without retries).
        await Task.WhenAll(stores.Select((store, writer) => Task.Run(async () =>
        {
            var mine = events.OrderBy(_ => Random.Shared.Next()).ToArray();
            foreach (var batch in mine.Chunk(25 + writer * 10))
            {
                var result = await store.RecordManyAsync(batch);
                Interlocked.Add(ref inserted, result.Inserted);
                Interlocked.Add(ref duplicates, result.Duplicates);
            }
        })));

        var stored = await ReadAllAsync(stores[0].ReadFeedbackAsync());
        await DisposeAllAsync(stores);
        Assert.Equal((400L, 5L * 400), (inserted, duplicates));
        Assert.Equal(events.Select(e => e.EventId), stored.Select(e => e.EventId));
    }

    [SkippableFact]
    public async Task LedgerCommands_ManyWritersOnFewAccounts_NoOverdraftNoLostUpdate()
    {
        string schema = await database.NewSchemaAsync();
        var options = Clear with { Ledger = new LedgerOptions { PendingPeriod = TimeSpan.Zero } };
        var stores = await OpenManyAsync(schema, 6, options);
        var customers = Enumerable.Range(0, 3).Select(i => new CustomerId($"acct-{i}")).ToArray();
        var at = new DateTime(2024, 1, 1);
        foreach (var customer in customers)
        {
            await stores[0].EarnAsync($"seed-{customer.Value}", customer, 200, at);
        }

        long[] earned = new long[customers.Length], redeemed = new long[customers.Length];
        int refused = 0;
        await Task.WhenAll(stores.Select((store, writer) => Task.Run(async () =>
        {
            var random = new Random(writer);
            for (int i = 0; i < 30; i++)
            {
                int c = random.Next(customers.Length);
                long points = random.Next(5, 60);
                var when = at.AddMinutes(1); // one instant: the ledger refuses commands older than the account's last
                if (random.Next(3) == 0)
                {
                    await store.EarnAsync($"earn-{writer}-{i}", customers[c], points, when);
                    Interlocked.Add(ref earned[c], points);
                    continue;
                }

                try
                {
                    await store.RedeemAsync($"redeem-{writer}-{i}", customers[c], points, when);
                    Interlocked.Add(ref redeemed[c], points);
                }
                catch (InsufficientPointsException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })));

        for (int c = 0; c < customers.Length; c++)
        {
            var balance = await stores[0].GetBalanceAsync(customers[c], at.AddDays(1));
            var history = await stores[0].GetHistoryAsync(customers[c]);
            Assert.Equal(200 + earned[c], balance.Earned);
            Assert.Equal(redeemed[c], balance.Spent);
            Assert.Equal(200 + earned[c] - redeemed[c], balance.Active);
            Assert.True(balance.Active >= 0, $"{customers[c].Value} is overdrawn");
            Assert.Equal(history.Count, history.Select(p => p.EventId).Distinct().Count());
        }

        Assert.True(refused > 0, "no redemption was refused, so overdraft was never tried");
        await DisposeAllAsync(stores);
    }

    [SkippableFact]
    public async Task AppendAsync_TwoWritersIngestTheSameLog_StoreEveryRowOnce()
    {
        string schema = await database.NewSchemaAsync();
        var log = Enumerable.Range(0, 12_000)
            .Select(i => new Transaction(new CustomerId($"c{i % 97}"), new DateTime(2024, 1, 1).AddMinutes(i * 7), 1m + i % 50, i % 3 == 0 ? $"o-{i}" : null, i % 5 == 0 ? ["sku-a", "sku-b"] : null))
            .ToList();
        var stores = await OpenManyAsync(schema, 2);

        // The second writer goes backwards, so each meets the other's uncommitted keys in the opposite order.
        var results = await Task.WhenAll(
            Task.Run(() => stores[0].AppendAsync(Stream(log))),
            Task.Run(() => stores[1].AppendAsync(Stream(Enumerable.Reverse(log)))));

        Assert.Equal(log.Count, results.Sum(r => r.Inserted));
        Assert.Equal(log.Count, results.Sum(r => r.Duplicates));
        Assert.Equal((long)log.Count, await PostgresDatabaseFixture.ScalarAsync(schema, "SELECT COUNT(*) FROM loyalty_transactions"));
        Assert.Equal(log.Count(t => t.ItemIds is not null) * 2L, await PostgresDatabaseFixture.ScalarAsync(schema, "SELECT COUNT(*) FROM loyalty_transaction_items"));
        await DisposeAllAsync(stores);
    }

    [SkippableFact]
    public async Task AppendAsync_BatchOverlappingStoredRows_FallsBackAndInsertsOnlyTheNewOnes()
    {
        string schema = await database.NewSchemaAsync();
        var log = Enumerable.Range(0, 1_000)
            .Select(i => new Transaction(new CustomerId($"c{i % 37}"), new DateTime(2024, 1, 1).AddHours(i * 5), 1m + i % 9))
            .ToList();
        await using (var first = await PostgresLoyaltyStore.OpenAsync(schema, Clear))
        {
            await first.AppendAsync(Stream(log.Where((_, i) => i % 3 == 0)));
        }

        // A new store has no hint that duplicates are coming: its direct COPY meets a stored key and rolls back.
        await using var second = await PostgresLoyaltyStore.OpenAsync(schema, Clear with { BatchSize = 10_000 });
        var result = await second.AppendAsync(Stream(log));

        Assert.Equal(new IngestResult(1_000, 666, 334, 0), result);
        Assert.Equal(1_000L, await PostgresDatabaseFixture.ScalarAsync(schema, "SELECT COUNT(*) FROM loyalty_transactions"));
    }

    [SkippableFact]
    public async Task AppendAsync_OrderSentTwiceInOneBatch_KeepsTheFirst()
    {
        string schema = await database.NewSchemaAsync();
        await using var store = await PostgresLoyaltyStore.OpenAsync(schema, Clear);
        var day = new DateTime(2024, 3, 1);
        var log = Enumerable.Range(0, 50).Select(i => new Transaction(new CustomerId("a"), day.AddMinutes(i), 10m + i, "o-1")).ToList();

        var result = await store.AppendAsync(Stream(log));

        Assert.Equal(new IngestResult(50, 1, 49, 0), result);
        var stored = Assert.Single(await ReadAllAsync(store.ReadAsync()));
        Assert.Equal((day, 10m), (stored.Timestamp, stored.Amount));
    }

    private static async Task<PostgresLoyaltyStore[]> OpenManyAsync(string connectionString, int count, LoyaltyStoreOptions? options = null)
    {
        var stores = new PostgresLoyaltyStore[count];
        for (int i = 0; i < count; i++)
        {
            stores[i] = await PostgresLoyaltyStore.OpenAsync(connectionString, options ?? Clear);
        }

        return stores;
    }

    private static async Task DisposeAllAsync(IEnumerable<PostgresLoyaltyStore> stores)
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask;
    }

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
