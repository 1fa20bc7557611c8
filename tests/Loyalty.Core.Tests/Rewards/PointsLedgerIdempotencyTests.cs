using Loyalty.Core.Rewards;

namespace Loyalty.Core.Tests.Rewards;

/// <summary>Issue 15, ledger: idempotency keys independent of the server clock; reuse is a named conflict.</summary>
public sealed class PointsLedgerIdempotencyTests
{
    private static readonly DateTime T0 = new(2025, 1, 1);

    [Fact]
    public void Earn_RetriedAtALaterServerTime_ReturnsTheOriginalPosting()
    {
        var ledger = new PointsLedger();
        var first = ledger.Earn("e1", "c", 100, T0);

        var retry = ledger.Earn("e1", "c", 100, T0.AddHours(3));

        Assert.Same(first, retry);
        Assert.Single(ledger.History("c"));
    }

    [Fact]
    public void Redeem_RetriedEarlierThanTheLastCommand_ReturnsTheOriginalPosting()
    {
        var ledger = new PointsLedger(new LedgerOptions { PendingPeriod = TimeSpan.Zero });
        ledger.Earn("e1", "c", 100, T0);
        var redeem = ledger.Redeem("r1", "c", 30, T0.AddDays(1));
        ledger.Earn("e2", "c", 5, T0.AddDays(30));

        Assert.Same(redeem, ledger.Redeem("r1", "c", 30, T0)); // a retry dated anywhere is still the same command
        Assert.Equal(75, ledger.Balance("c", T0.AddDays(30)).Active);
    }

    [Fact]
    public void EarnForPurchase_SameAmountWrittenWithAnotherScale_IsTheSameCommand()
    {
        var ledger = new PointsLedger();
        var first = ledger.EarnForPurchase("p1", "c", 12.5m, T0);

        Assert.Same(first, ledger.EarnForPurchase("p1", "c", 12.500m, T0.AddMinutes(1)));
    }

    [Theory]
    [InlineData("redeem")]
    [InlineData("earn-other-points")]
    [InlineData("earn-other-customer")]
    [InlineData("purchase")]
    public void Command_EventIdUsedForAnotherCommand_ThrowsNamedConflict(string other)
    {
        var ledger = new PointsLedger(new LedgerOptions { PendingPeriod = TimeSpan.Zero });
        ledger.Earn("e1", "c", 100, T0);

        var error = Assert.Throws<LedgerEventConflictException>(() => _ = other switch
        {
            "redeem" => ledger.Redeem("e1", "c", 100, T0),
            "earn-other-points" => ledger.Earn("e1", "c", 99, T0),
            "earn-other-customer" => ledger.Earn("e1", "d", 100, T0),
            _ => ledger.EarnForPurchase("e1", "c", 100m, T0),
        });

        Assert.Equal("e1", error.EventId);
        Assert.Equal("eventId", error.ParamName);
        Assert.Equal(100, ledger.Balance("c", T0).Active);
        Assert.Empty(ledger.History("d"));
    }

    [Fact]
    public void Redeem_Refused_LeavesTheEventIdFreeForTheRetry()
    {
        var ledger = new PointsLedger(new LedgerOptions { PendingPeriod = TimeSpan.Zero });
        Assert.Throws<InsufficientPointsException>(() => ledger.Redeem("r1", "c", 50, T0));
        ledger.Earn("e1", "c", 100, T0);

        Assert.Equal(50, ledger.Redeem("r1", "c", 50, T0).Points);
    }

    [Fact]
    public async Task EraseCustomerAsync_KnownCustomer_RemovesAccountPostingsAndEventIds()
    {
        var ledger = new PointsLedger(new LedgerOptions { PendingPeriod = TimeSpan.Zero });
        ledger.Earn("e1", "alice", 100, T0);
        ledger.Redeem("r1", "alice", 40, T0);
        ledger.Earn("e2", "bob", 7, T0);

        long removed = await ledger.EraseCustomerAsync(new ErasureSubject("alice", "alice"));
        long again = await ledger.EraseCustomerAsync(new ErasureSubject("alice", "ps_alice"));

        Assert.Equal((2L, 0L), (removed, again));
        Assert.Equal("points-ledger", ledger.Name);
        Assert.Empty(ledger.History("alice"));
        Assert.Equal(0, ledger.Balance("alice", T0).Earned);
        Assert.Equal(7, ledger.Report(T0).Issued);
        Assert.Equal(5, ledger.Earn("e1", "carol", 5, T0).Points); // alice's event ids are forgotten too
        Assert.Equal(7, ledger.Balance("bob", T0).Active);
    }
}
