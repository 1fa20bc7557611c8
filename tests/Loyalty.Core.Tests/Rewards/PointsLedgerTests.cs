using Loyalty.Core.Rewards;

namespace Loyalty.Core.Tests.Rewards;

public sealed class PointsLedgerTests
{
    private static readonly DateTime T0 = new(2025, 1, 1);
    private static readonly LedgerOptions Options = new()
    {
        PendingPeriod = TimeSpan.FromDays(10),
        ExpiryPeriod = TimeSpan.FromDays(100),
        Tiers = [new("Member", 0), new("Silver", 500, 2.0m)],
        TierWindow = TimeSpan.FromDays(50),
        TierGracePeriod = TimeSpan.FromDays(20),
    };

    [Fact]
    public void Redeem_MoreThanSpendable_RefusedWholeAndNothingSpent()
    {
        var ledger = new PointsLedger(Options);
        ledger.Earn("e1", "c", 100, T0);
        var ex = Assert.Throws<InsufficientPointsException>(() => ledger.Redeem("r1", "c", 50, T0.AddDays(5))); // still pending
        Assert.Equal(0, ex.Active);
        Assert.Equal(new PointsBalance(100, 0, 0, 0, "Member"), ledger.Balance("c", T0.AddDays(5)));
    }

    [Fact]
    public void Earn_SameEventTwice_IsANoOp()
    {
        var ledger = new PointsLedger(Options);
        var first = ledger.Earn("e1", "c", 100, T0);
        var again = ledger.Earn("e1", "c", 100, T0);
        Assert.Same(first, again);
        Assert.Equal(100, ledger.Balance("c", T0).Earned);
    }

    [Fact]
    public void Earn_EventIdReusedForAnotherCommand_Throws() =>
        Assert.Contains("e1", Assert.Throws<LedgerEventConflictException>(() =>
        {
            var ledger = new PointsLedger(Options);
            ledger.Earn("e1", "c", 100, T0);
            ledger.Redeem("e1", "c", 10, T0.AddDays(20));
        }).Message, StringComparison.Ordinal);

    [Fact]
    public void Redeem_SpendsOldestLotsFirstSoLaterPointsOutliveThem()
    {
        var ledger = new PointsLedger(Options);
        ledger.Earn("old", "c", 100, T0);
        ledger.Earn("new", "c", 100, T0.AddDays(50));
        ledger.Redeem("r", "c", 60, T0.AddDays(70));

        var afterOldExpiry = ledger.Balance("c", T0.AddDays(111)); // old lot: active day 10, expires day 110
        Assert.Equal(40, afterOldExpiry.Expired);
        Assert.Equal(100, afterOldExpiry.Active);
        var report = ledger.Report(T0.AddDays(111));
        Assert.Equal(40.0 / 100, report.Breakage, 12);
        Assert.Equal(1.00m, report.Liability);
    }

    [Fact]
    public void EarnForPurchase_InHigherTier_AppliesMultiplierAndTierLapsesAfterGrace()
    {
        var ledger = new PointsLedger(Options);
        ledger.Earn("bonus", "c", 500, T0);
        Assert.Equal("Silver", ledger.Balance("c", T0).Tier);
        Assert.Equal(21, ledger.EarnForPurchase("p1", "c", 10.50m, T0.AddDays(1))!.Points); // ⌊10.50 × 1 × 2.0⌋
        Assert.Equal("Silver", ledger.Balance("c", T0.AddDays(60)).Tier); // window passed, grace holds (qualified on day 1)
        Assert.Equal("Member", ledger.Balance("c", T0.AddDays(75)).Tier);
    }

    [Fact]
    public void Earn_BeforeTheCustomersLastCommandBeyondTolerance_ThrowsNamingTheTolerance() =>
        Assert.Contains("OutOfOrderTolerance", Assert.Throws<ArgumentException>(() =>
        {
            var ledger = new PointsLedger(Options);
            ledger.Earn("e1", "c", 1, T0.AddDays(3));
            ledger.Earn("e2", "c", 1, T0);
        }).Message, StringComparison.Ordinal);

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PointsLedger(new LedgerOptions
        {
            PointsPerCurrencyUnit = -1,
            ExpiryPeriod = TimeSpan.Zero,
            Tiers = [new("Base", 10)],
        }));
        Assert.Contains("PointsPerCurrencyUnit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ExpiryPeriod", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Tiers", ex.Message, StringComparison.Ordinal);
    }
}
