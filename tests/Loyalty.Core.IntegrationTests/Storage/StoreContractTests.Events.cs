using Loyalty.Core.Rewards;

namespace Loyalty.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task RecordManyAsync_SameEventsTwice_StoresEachOnce()
    {
        var (_, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        var events = Enumerable.Range(0, 20).Select(i => new FeedbackEvent($"e{i}", new CustomerId($"c{i % 4}"), (FeedbackKind)(i % 5), new DateTime(2024, 1, 1).AddHours(i), i % 2 == 0 ? "offer" : null, i % 3 == 0 ? 1.25m : null)).ToList();

        var first = await store.RecordManyAsync(events);
        var second = await store.RecordManyAsync(events);

        Assert.Equal(20, first.Inserted);
        Assert.Equal(20, second.Duplicates);
        var read = await ToListAsync(store.ReadFeedbackAsync());
        Assert.Equal(events.Select(e => e.EventId), read.Select(e => e.EventId));
        Assert.Equal(events.Select(e => (e.Kind, e.Timestamp, e.OfferId, e.Value)), read.Select(e => (e.Kind, e.Timestamp, e.OfferId, e.Value)));
        Assert.Equal(events.Select(e => store.ToStoredId(e.CustomerId)), read.Select(e => e.CustomerId)); // read back as stored ids
    }

    [SkippableFact]
    public async Task RecordAsync_ParallelWriters_LosesNothing()
    {
        var (_, store) = await NewStoreAsync(Clear);
        await using var _ = store;

        await Parallel.ForEachAsync(Enumerable.Range(0, 8), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (writer, ct) =>
        {
            for (int i = 0; i < 40; i++)
            {
                await store.RecordAsync(new FeedbackEvent($"w{writer}-{i}", new CustomerId($"c{i % 3}"), FeedbackKind.Claimed, new DateTime(2024, 1, 1).AddSeconds(i)), ct);
                await store.RecordAsync(new FeedbackEvent($"w{writer}-{i}", new CustomerId($"c{i % 3}"), FeedbackKind.Claimed, new DateTime(2024, 1, 1).AddSeconds(i)), ct);
            }
        });

        Assert.Equal(320, (await ToListAsync(store.ReadFeedbackAsync())).Count);
    }

    [SkippableFact]
    public async Task RecordManyAsync_EventWithoutId_ThrowsNamingTheEvent()
    {
        var (_, store) = await NewStoreAsync(Clear);
        await using var _ = store;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordManyAsync([new FeedbackEvent(" ", new CustomerId("a"), FeedbackKind.Issued, DateTime.UnixEpoch)]));

        Assert.Equal("events", error.ParamName);
        Assert.Contains("Feedback event 0", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SaveAssignmentsAsync_SameRunTwice_ReplacesTheRun()
    {
        var (_, store) = await NewStoreAsync(Keyed);
        await using var _ = store;
        await store.SaveAssignmentsAsync("run-1", [new SegmentAssignment(new CustomerId("a"), 1, 0.25), new SegmentAssignment(new CustomerId("b"), 2)]);
        await store.SaveAssignmentsAsync("run-2", [new SegmentAssignment(new CustomerId("a"), 3)]);

        await store.SaveAssignmentsAsync("run-1", [new SegmentAssignment(new CustomerId("a"), 4, 1.5)]);

        var run1 = await ToListAsync(store.ReadAssignmentsAsync("run-1"));
        Assert.Equal([(store.ToStoredId(new CustomerId("a")), 4, 1.5)], run1.Select(a => (a.CustomerId, a.SegmentId, a.Distance)));
        Assert.Single(await ToListAsync(store.ReadAssignmentsAsync("run-2")));
    }

    [SkippableFact]
    public async Task LedgerCommands_EarnRedeemAndRepeat_BalanceAndIdempotency()
    {
        var (_, store) = await NewStoreAsync(Keyed with { Ledger = new LedgerOptions { PendingPeriod = TimeSpan.Zero } });
        await using var _ = store;
        var alice = new CustomerId("alice");
        var day = new DateTime(2024, 1, 1);

        await store.EarnAsync("e1", alice, 500, day);
        var purchase = await store.EarnForPurchaseAsync("p1", alice, 120.75m, day.AddDays(1));
        var redeem = await store.RedeemAsync("r1", alice, 300, day.AddDays(2));
        var repeated = await store.RedeemAsync("r1", alice, 300, day.AddDays(2));

        Assert.Equal(120, purchase!.Points);
        Assert.Equal(redeem, repeated);
        var balance = await store.GetBalanceAsync(alice, day.AddDays(3));
        Assert.Equal((320L, 300L), (balance.Active, balance.Spent));
        await Assert.ThrowsAsync<InsufficientPointsException>(() => store.RedeemAsync("r2", alice, 1_000, day.AddDays(3)));
        await Assert.ThrowsAsync<LedgerEventConflictException>(() => store.RedeemAsync("r1", alice, 10, day.AddDays(3)));
        Assert.Equal(["e1", "p1", "r1"], (await store.GetHistoryAsync(alice)).Select(p => p.EventId));
    }

    [SkippableFact]
    public async Task RedeemAsync_ParallelRequests_NeverOverdrawsOrLosesAnUpdate()
    {
        var (_, store) = await NewStoreAsync(Clear with { Ledger = new LedgerOptions { PendingPeriod = TimeSpan.Zero } });
        await using var _ = store;
        var customer = new CustomerId("busy");
        var at = new DateTime(2024, 1, 1);
        await store.EarnAsync("seed", customer, 100, at);
        int succeeded = 0, refused = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 16), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            try
            {
                await store.RedeemAsync($"redeem-{i}", customer, 10, at.AddMinutes(1), ct);
                Interlocked.Increment(ref succeeded);
            }
            catch (InsufficientPointsException)
            {
                Interlocked.Increment(ref refused);
            }
        });

        Assert.Equal((10, 6), (succeeded, refused));
        var balance = await store.GetBalanceAsync(customer, at.AddMinutes(2));
        Assert.Equal((0L, 100L), (balance.Active, balance.Spent));
    }
}
