using Loyalty.Core.Storage;

namespace Loyalty.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    // loyalty_erased holds tombstones: keyed hashes of erased customers' ids, never an id, kept on purpose.
    private static readonly string[] BookkeepingTables = ["loyalty_meta", "loyalty_schema_version", "loyalty_erased"];

    /// <summary>Puts a row about <paramref name="customer"/> in every table that holds customer data (event and
    /// order ids are the host's and carry no personal data here).</summary>
    protected static async Task PopulateEveryTableAsync(RelationalLoyaltyStore store, string customer, int salt)
    {
        var id = new CustomerId(customer);
        var at = new DateTime(2024, 5, 1).AddDays(salt);
        await store.AppendAsync(Stream(new[] { new Transaction(id, at, 10m + salt, $"order-{salt}", ["item-1"]), new Transaction(id, at.AddDays(3), 5m) }));
        await store.UpsertCustomersAsync([new Customer(id, new Dictionary<string, string> { ["city"] = "Lyon" })]);
        await store.RecordAsync(new FeedbackEvent($"fb-{salt}", id, FeedbackKind.Claimed, at, "offer-1", 3.5m));
        await store.EarnAsync($"earn-{salt}", id, 100, at);
        await store.SaveAssignmentsAsync($"run-{salt}", [new SegmentAssignment(id, 2, 0.5)]);
    }

    [SkippableFact]
    public async Task AppendAsync_KeyedStore_KeepsNoClearIdAnywhere()
    {
        var (database, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        await PopulateEveryTableAsync(store, "alice@example.com", 0);

        var tables = await ListTablesAsync(database);
        foreach (var (table, columns) in tables)
        {
            foreach (string column in columns)
            {
                object? hits = await ExecuteSqlAsync(database, $"SELECT COUNT(*) FROM {table} WHERE CAST({column} AS TEXT) LIKE '%alice%'");
                Assert.True(Convert.ToInt64(hits, System.Globalization.CultureInfo.InvariantCulture) == 0, $"{table}.{column} holds the clear id");
            }
        }

        var stored = store.ToStoredId(new CustomerId("alice@example.com"));
        Assert.True(CustomerPseudonymizer.IsPseudonym(stored.Value));
        Assert.NotEqual(stored, store.ToStoredId(stored)); // a pseudonym given back is keyed again, never trusted
        Assert.Equal(stored, (await store.GetCustomerAsync(new CustomerId("alice@example.com")))!.Id);
        Assert.Equal(stored, (await ToListAsync(store.ReadAsync()))[0].CustomerId);
    }

    [SkippableFact]
    public async Task EraseCustomerAsync_PopulatedStore_RemovesTheCustomerFromEveryTableAndKeepsOthers()
    {
        var (database, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        await PopulateEveryTableAsync(store, "alice", 0);
        await PopulateEveryTableAsync(store, "bob", 1);
        string alice = store.ToStoredId(new CustomerId("alice")).Value;
        string bob = store.ToStoredId(new CustomerId("bob")).Value;

        var report = await store.EraseCustomerAsync(new CustomerId("alice"));

        var tables = await ListTablesAsync(database);
        var customerTables = tables.Keys.Where(t => !BookkeepingTables.Contains(t)).ToList();
        Assert.NotEmpty(customerTables);
        foreach (string table in customerTables)
        {
            Assert.True(tables[table].Contains("customer_key"), $"{table} has no customer_key column, so erasure cannot reach it");
            Assert.Equal(0L, Convert.ToInt64(await ExecuteSqlAsync(database, $"SELECT COUNT(*) FROM {table} WHERE customer_key = '{alice}'"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(Convert.ToInt64(await ExecuteSqlAsync(database, $"SELECT COUNT(*) FROM {table} WHERE customer_key = '{bob}'"), System.Globalization.CultureInfo.InvariantCulture) > 0, $"{table} lost bob");
            Assert.True(report.RowsByTable[table] > 0, $"the report says nothing was removed from {table}");
        }

        Assert.Equal(alice, report.StoredId.Value);
        Assert.Null(await store.GetCustomerAsync(new CustomerId("alice")));
        Assert.Equal(0, (await store.GetBalanceAsync(new CustomerId("alice"), new DateTime(2024, 6, 1))).Earned);
    }

    [SkippableFact]
    public async Task OpenAsync_DifferentKey_ThrowsKeyMismatch()
    {
        var (database, store) = await NewStoreAsync(Keyed);
        await store.DisposeAsync();
        var otherKey = Enumerable.Repeat((byte)7, 32).ToArray();

        await Assert.ThrowsAsync<StoreKeyMismatchException>(() => OpenAsync(database, Keyed with { Pseudonymizer = CustomerPseudonymizer.WithKey(otherKey) }));
        await Assert.ThrowsAsync<StoreKeyMismatchException>(() => OpenAsync(database, Clear));
        await using var reopened = await OpenAsync(database, Keyed);
    }

    [SkippableFact]
    public async Task OpenAsync_StoreOfNewerSchemaVersion_ThrowsNamingBothVersions()
    {
        var (database, store) = await NewStoreAsync(Clear);
        int current = store.SchemaVersion;
        await store.DisposeAsync();
        await ExecuteSqlAsync(database, $"INSERT INTO loyalty_schema_version (version, description, applied_at) VALUES ({current + 1}, 'from the future', '2099-01-01')");

        var error = await Assert.ThrowsAsync<StoreSchemaVersionException>(() => OpenAsync(database, Clear));

        Assert.Equal(current + 1, error.StoreVersion);
        Assert.Equal(current, error.SupportedVersion);
    }

    [SkippableFact]
    public async Task OpenAsync_ExistingStore_KeepsDataAndDoesNotMigrateTwice()
    {
        var (database, store) = await NewStoreAsync(Clear);
        var log = RandomLog(6, 5, 50, returns: false);
        await store.AppendAsync(Stream(log));
        await store.DisposeAsync();

        await using var reopened = await OpenAsync(database, Clear);

        Assert.Equal(log.Count, (await ToListAsync(reopened.ReadAsync())).Count);
        Assert.Equal((long)reopened.SchemaVersion, Convert.ToInt64(await ExecuteSqlAsync(database, "SELECT COUNT(*) FROM loyalty_schema_version"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task SetProfilingOptOutAsync_Customer_RecordedAndReadBack()
    {
        var (_, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        await store.UpsertCustomersAsync([new Customer(new CustomerId("a"), MarketingConsent: false), new Customer(new CustomerId("b"))]);

        await store.SetProfilingOptOutAsync(new CustomerId("a"), true);
        await store.SetProfilingOptOutAsync(new CustomerId("c"), true);

        var customers = (await ToListAsync(store.ReadCustomersAsync())).ToDictionary(c => c.Id);
        Assert.Equal(3, customers.Count);
        var a = customers[store.ToStoredId(new CustomerId("a"))];
        Assert.True(a.ProfilingOptOut);
        Assert.False(a.MarketingConsent);
        Assert.False(customers[store.ToStoredId(new CustomerId("b"))].ProfilingOptOut);
        Assert.True(customers[store.ToStoredId(new CustomerId("c"))].ProfilingOptOut);
    }
}
