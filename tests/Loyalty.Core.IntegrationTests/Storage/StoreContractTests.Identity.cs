using System.Globalization;
using Loyalty.Core.Storage;

namespace Loyalty.Core.Tests.Storage;

/// <summary>Identity and lasting erasure: ids keyed whatever their shape, orders keyed by customer, tombstones.</summary>
public abstract partial class StoreContractTests
{
    /// <summary>The dialect's schema version 1, as stores were created before version 2.</summary>
    protected abstract string FirstMigrationSql { get; }

    /// <summary>A byte string as an SQL literal of the dialect.</summary>
    protected abstract string BytesLiteral(byte[] bytes);

    private static readonly DateTime Day = new(2024, 3, 1, 10, 0, 0);

    private async Task<long> CountAsync(string database, string sql) =>
        Convert.ToInt64(await ExecuteSqlAsync(database, sql), CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task AppendAsync_TwoCustomersShareAnOrderIdOnOneDay_KeepsBothRowsAndTheirItems()
    {
        var (_, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        var log = new[]
        {
            new Transaction(new CustomerId("alice"), Day, 10m, "order-1", ["apple", "pear"]),
            new Transaction(new CustomerId("bob"), Day.AddHours(2), 25m, "order-1", ["plum"]),
            new Transaction(new CustomerId("alice"), Day, 10m, "order-1", ["apple", "pear"]), // alice's order sent twice
        };

        var first = await store.AppendAsync(Stream(log));
        var again = await store.AppendAsync(Stream(log));

        Assert.Equal(new IngestResult(3, 2, 1, 0), first);
        Assert.Equal(new IngestResult(3, 0, 3, 0), again);
        var stored = (await ToListAsync(store.ReadAsync())).ToDictionary(t => t.CustomerId);
        Assert.Equal(2, stored.Count);
        Assert.Equal(["apple", "pear"], stored[store.ToStoredId(new CustomerId("alice"))].ItemIds!);
        Assert.Equal(["plum"], stored[store.ToStoredId(new CustomerId("bob"))].ItemIds!);
        Assert.Equal(25m, stored[store.ToStoredId(new CustomerId("bob"))].Amount);
    }

    [SkippableFact]
    public async Task StoreMethods_PseudonymOfACustomerAsInput_NeverActAsThatCustomer()
    {
        var (_, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        var alice = new CustomerId("alice");
        await store.AppendAsync(Stream(new[] { new Transaction(alice, Day, 10m, "a-1"), new Transaction(alice, Day.AddDays(7), 12m, "a-2") }));
        await store.EarnAsync("earn-1", alice, 100, Day);
        var pseudonym = store.ToStoredId(alice);
        var balanceBefore = await store.GetBalanceAsync(alice, Day.AddDays(60));

        // Everything sent under the pseudonym lands on another (keyed) id: ingest, feedback, opt-out, ledger, erase.
        var forged = await store.AppendAsync(Stream(new[] { new Transaction(pseudonym, Day.AddDays(14), 99m, "a-3") }));
        await store.RecordAsync(new FeedbackEvent("fb-forged", pseudonym, FeedbackKind.Repurchased, Day.AddDays(14)));
        await store.SetProfilingOptOutAsync(pseudonym, true);
        await Assert.ThrowsAnyAsync<Exception>(() => store.RedeemAsync("redeem-forged", pseudonym, 100, Day.AddDays(60)));
        await store.EraseCustomerAsync(pseudonym);

        Assert.Equal(1, forged.Inserted);
        Assert.Equal(balanceBefore, await store.GetBalanceAsync(alice, Day.AddDays(60)));
        Assert.Equal(100, balanceBefore.Earned);
        var rows = await ToListAsync(store.ReadAsync());
        Assert.Equal(2, rows.Count(t => t.CustomerId == pseudonym));
        Assert.Equal(22m, rows.Where(t => t.CustomerId == pseudonym).Sum(t => t.Amount));
        Assert.DoesNotContain(await ToListAsync(store.ReadFeedbackAsync()), e => e.CustomerId == pseudonym);
        Assert.False((await store.GetCustomerAsync(alice))?.ProfilingOptOut ?? false);
    }

    [SkippableFact]
    public async Task StoredIdFeedback_IdFromTheStore_RecordedUnderThatCustomerAndErasedWithThem()
    {
        var (_, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        var stored = store.ToStoredId(new CustomerId("alice"));

        await store.StoredIdFeedback.RecordAsync(new FeedbackEvent("campaign:issued", stored, FeedbackKind.Issued, Day, "campaign"));
        var recorded = await ToListAsync(store.ReadFeedbackAsync());
        var report = await store.EraseCustomerAsync(new CustomerId("alice"));

        Assert.Equal(stored, Assert.Single(recorded).CustomerId);
        Assert.Equal(1, report.RowsByTable["loyalty_feedback"]);
        Assert.Empty(await ToListAsync(store.ReadFeedbackAsync()));
    }

    [SkippableFact]
    public async Task AppendAsync_OriginalLogAfterErasure_SkipsAndCountsTheErasedCustomersRows()
    {
        var erasedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (database, store) = await NewStoreAsync(Keyed with { TimeProvider = new StoppedClock(erasedAt) });
        await using var _ = store;
        var log = RandomLog(11, 20, 600, returns: false);
        var c3 = new CustomerId("c3");
        int c3Rows = log.Count(t => t.CustomerId == c3);
        await store.AppendAsync(Stream(log));

        await store.EraseCustomerAsync(c3);
        var again = await store.AppendAsync(Stream(log));
        var later = await store.AppendAsync(Stream(new[] { new Transaction(c3, erasedAt.UtcDateTime.AddDays(30), 5m) }));

        Assert.True(c3Rows > 0);
        Assert.Equal(new IngestResult(log.Count, 0, log.Count - c3Rows, 0) { Erased = c3Rows }, again);
        Assert.Equal(1, later.Inserted); // a purchase after the erasure starts a new relationship
        Assert.Equal(1, (await ToListAsync(store.ReadAsync())).Count(t => t.CustomerId == store.ToStoredId(c3)));
        string stored = store.ToStoredId(c3).Value;
        Assert.Equal(1, await CountAsync(database, "SELECT COUNT(*) FROM loyalty_erased"));
        Assert.Equal(0, await CountAsync(database, $"SELECT COUNT(*) FROM loyalty_erased WHERE erased_key IN ('c3', '{stored}')"));
        Assert.Equal(erasedAt.UtcTicks, await CountAsync(database, "SELECT MAX(erased_at) FROM loyalty_erased"));
    }

    [SkippableFact]
    public async Task EraseCustomerAsync_OptedOutCustomer_KeepsOnlyTheOptOut()
    {
        var (_, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        await PopulateEveryTableAsync(store, "alice", 0);
        await store.SetProfilingOptOutAsync(new CustomerId("alice"), true);

        var report = await store.EraseCustomerAsync(new CustomerId("alice"));
        var again = await store.EraseCustomerAsync(new CustomerId("alice"));
        var kept = await store.GetCustomerAsync(new CustomerId("alice"));

        Assert.True(report.ProfilingOptOutKept);
        Assert.True(again.ProfilingOptOutKept);
        Assert.NotNull(kept);
        Assert.True(kept.ProfilingOptOut);
        Assert.False(kept.MarketingConsent);
        Assert.Empty(kept.Attributes);
        Assert.Empty(await ToListAsync(store.ReadAsync()));
        Assert.Empty(await ToListAsync(store.ReadFeedbackAsync()));
    }

    [SkippableFact]
    public async Task SetProfilingOptOutAsync_CustomerWithoutRecord_CreatesARecordWithoutConsent()
    {
        var (_, store) = await NewStoreAsync(Clear);
        await using var _ = store;

        await store.SetProfilingOptOutAsync(new CustomerId("new"), true);

        Assert.False((await store.GetCustomerAsync(new CustomerId("new")))!.MarketingConsent);
    }

    [SkippableFact]
    public async Task OpenAsync_StoreBuiltBeforeSchemaVersion2_KeepsItsOrderKeysSoReingestAddsNothing()
    {
        // A store as schema version 1 left it: orders keyed by order id and day only (key version 1).
        string database = await NewDatabaseAsync();
        await ExecuteSqlAsync(database, FirstMigrationSql);
        await ExecuteSqlAsync(database, "CREATE TABLE loyalty_schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        await ExecuteSqlAsync(database, "INSERT INTO loyalty_schema_version (version, description, applied_at) VALUES (1, 'initial schema', '2026-01-01T00:00:00Z')");
        await ExecuteSqlAsync(database, "INSERT INTO loyalty_meta (name, value) VALUES ('key_check', 'none')");
        var log = Enumerable.Range(0, 40)
            .Select(i => new Transaction(new CustomerId($"c{i % 7}"), Day.AddDays(i % 9), 10m + i, i % 4 == 0 ? null : $"order-{i}"))
            .ToList();
        var keyer = new TransactionKeyer(CustomerPseudonymizer.None, TransactionKeyer.Version1);
        long row = 0;
        foreach (var t in log)
        {
            var s = keyer.Prepare(t, ++row);
            string order = s.OrderId is null ? "NULL" : $"'{s.OrderId}'";
            await ExecuteSqlAsync(database,
                $"INSERT INTO loyalty_transactions (customer_key, day, ts, amount_e4, order_id, tx_key) VALUES ('{s.CustomerKey}', {s.Day}, {s.Ticks}, {s.AmountE4}, {order}, {BytesLiteral(s.Key)})");
        }

        await using var store = await OpenAsync(database, Clear);
        var again = await store.AppendAsync(Stream(log));

        Assert.Equal(new IngestResult(log.Count, 0, log.Count, 0), again);
        Assert.Equal("1", Convert.ToString(await ExecuteSqlAsync(database, "SELECT value FROM loyalty_meta WHERE name = 'transaction_key_version'"), CultureInfo.InvariantCulture));
        Assert.True(store.SchemaVersion >= 2);
    }

    [SkippableFact]
    public async Task OpenAsync_NewStore_KeysOrdersByCustomerAndKeepsThatAfterReopening()
    {
        var (database, store) = await NewStoreAsync(Clear);
        await store.AppendAsync(Stream(new[] { new Transaction(new CustomerId("a"), Day, 1m, "o") }));
        await store.DisposeAsync();

        await using var reopened = await OpenAsync(database, Clear);
        var shared = await reopened.AppendAsync(Stream(new[] { new Transaction(new CustomerId("b"), Day, 2m, "o") }));

        Assert.Equal(1, shared.Inserted);
        Assert.Equal("2", Convert.ToString(await ExecuteSqlAsync(database, "SELECT value FROM loyalty_meta WHERE name = 'transaction_key_version'"), CultureInfo.InvariantCulture));
    }
}
