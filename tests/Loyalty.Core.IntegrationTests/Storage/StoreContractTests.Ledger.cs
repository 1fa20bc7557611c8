using Loyalty.Core.Rewards;

namespace Loyalty.Core.Tests.Storage;

/// <summary>Issue 15, ledger, on every store: versioned options, clock-free idempotency, bounds, concurrency.</summary>
public abstract partial class StoreContractTests
{
    private static readonly LedgerOptions OldLedger = new() { PendingPeriod = TimeSpan.Zero, ExpiryPeriod = TimeSpan.FromDays(365), MaxPointsPerCommand = 1_000 };
    private static readonly LedgerOptions NewLedger = new() { PendingPeriod = TimeSpan.FromDays(30), ExpiryPeriod = TimeSpan.FromDays(5), MaxPointsPerCommand = 10 };

    [SkippableFact]
    public async Task Ledger_OptionsChangedBetweenOpens_HistoryReplaysToTheSameBalances()
    {
        var (database, store) = await NewStoreAsync(Clear with { Ledger = OldLedger });
        var customer = new CustomerId("c");
        var day = new DateTime(2024, 1, 1);
        PointsBalance before;
        await using (store)
        {
            await store.EarnAsync("e1", customer, 500, day);
            await store.RedeemAsync("r1", customer, 200, day.AddDays(1));
            before = await store.GetBalanceAsync(customer, day.AddDays(20));
        }

        await using var reopened = await OpenAsync(database, Clear with { Ledger = NewLedger });
        Assert.Equal(before, await reopened.GetBalanceAsync(customer, day.AddDays(20)));
        await reopened.EarnAsync("e2", customer, 10, day.AddDays(20)); // new postings follow the new options
        var after = await reopened.GetBalanceAsync(customer, day.AddDays(20));
        Assert.Equal((10L, 300L), (after.Pending, after.Active));
        await Assert.ThrowsAsync<LedgerLimitException>(() => reopened.EarnAsync("e3", customer, 11, day.AddDays(20)));
    }

    [SkippableFact]
    public async Task Ledger_RetryAtALaterServerTime_SameCommandAndReuseIsANamedConflict()
    {
        var (_, store) = await NewStoreAsync(Keyed with { Ledger = OldLedger });
        await using var _ = store;
        var day = new DateTime(2024, 1, 1);
        var first = await store.EarnAsync("e1", new CustomerId("alice"), 100, day);

        Assert.Equal(first, await store.EarnAsync("e1", new CustomerId("alice"), 100, day.AddHours(5)));
        var conflict = await Assert.ThrowsAsync<LedgerEventConflictException>(() => store.EarnAsync("e1", new CustomerId("bob"), 100, day));
        Assert.Equal("e1", conflict.EventId);
        var limit = await Assert.ThrowsAsync<LedgerLimitException>(() => store.EarnAsync("huge", new CustomerId("alice"), long.MaxValue, day));
        Assert.Equal(nameof(LedgerOptions.MaxPointsPerCommand), limit.Bound);
        Assert.Equal(100, (await store.GetBalanceAsync(new CustomerId("alice"), day)).Active);
    }

    [SkippableFact]
    public async Task Ledger_PurchaseOf1Point15At100PointsPerUnit_Earns115()
    {
        var (_, store) = await NewStoreAsync(Clear with { Ledger = OldLedger with { PointsPerCurrencyUnit = 100m } });
        await using var _ = store;

        Assert.Equal(115, (await store.EarnForPurchaseAsync("p1", new CustomerId("c"), 1.15m, new DateTime(2024, 1, 1)))!.Points);
    }

    [SkippableFact]
    public async Task Ledger_ParallelRandomCommandsOnOneAccount_ConservedNeverNegativeNeverSpuriouslyRefused()
    {
        var (_, store) = await NewStoreAsync(Clear with { Ledger = OldLedger });
        await using var _ = store;
        var at = new DateTime(2024, 1, 1);
        for (int round = 0; round < 5; round++)
        {
            var customer = new CustomerId($"c{round}");
            var random = new Random(20261204 + round);
            var commands = Enumerable.Range(0, 24).Select(i => (Redeem: random.Next(2) == 0, Points: random.Next(1, 60))).ToArray();
            long earned = 0, redeemed = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, commands.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
            {
                var (redeem, points) = commands[i];
                var when = at.AddSeconds(-(i % 3)); // racing server clocks: serialised, not refused
                try
                {
                    if (redeem)
                    {
                        await store.RedeemAsync($"r{round}-{i}", customer, points, when, ct);
                        Interlocked.Add(ref redeemed, points);
                    }
                    else
                    {
                        await store.EarnAsync($"e{round}-{i}", customer, points, when, ct);
                        Interlocked.Add(ref earned, points);
                    }
                }
                catch (InsufficientPointsException)
                {
                }
            });

            var balance = await store.GetBalanceAsync(customer, at);
            var history = await store.GetHistoryAsync(customer);
            Assert.Equal(commands.Where(c => !c.Redeem).Sum(c => (long)c.Points), earned); // no earn was refused
            Assert.Equal((earned, redeemed, earned - redeemed), (balance.Earned, balance.Spent, balance.Active));
            Assert.Equal(earned - redeemed, history.Sum(p => p.Kind == PostingKind.Earn ? p.Points : -p.Points));
            Assert.True(balance.Active >= 0);
        }
    }
}
