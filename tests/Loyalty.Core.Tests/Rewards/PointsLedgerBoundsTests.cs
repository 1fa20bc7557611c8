using Loyalty.Core.Rewards;

namespace Loyalty.Core.Tests.Rewards;

/// <summary>Issue 15, ledger: decimal arithmetic, bounds per command and per balance, nothing overflows.</summary>
public sealed class PointsLedgerBoundsTests
{
    private static readonly DateTime T0 = new(2025, 1, 1);

    [Fact]
    public void EarnForPurchase_1Point15At100PointsPerUnit_Earns115()
    {
        // In double, 1.15 × 100 is 114.99999999999999 and rounds down to 114.
        var ledger = new PointsLedger(new LedgerOptions { PointsPerCurrencyUnit = 100m });

        Assert.Equal(115, ledger.EarnForPurchase("p", "c", 1.15m, T0)!.Points);
    }

    [Fact]
    public void EarnForPurchase_FractionOfAPoint_RoundsDown()
    {
        var ledger = new PointsLedger(new LedgerOptions { Tiers = [new("Member", 0, 1.1m)] });

        Assert.Equal(10, ledger.EarnForPurchase("p1", "c", 9.99m, T0)!.Points); // 10.989 → 10
        Assert.Null(ledger.EarnForPurchase("p2", "c", 0.90m, T0));               // 0.99 → no whole point
    }

    [Fact]
    public void Earn_LongMaxValue_ThrowsNamingTheBoundAndTheAccountStaysUsable()
    {
        var ledger = new PointsLedger(new LedgerOptions { PendingPeriod = TimeSpan.Zero });
        ledger.Earn("e1", "c", 100, T0);

        var error = Assert.Throws<LedgerLimitException>(() => ledger.Earn("huge", "c", long.MaxValue, T0));

        Assert.Equal((nameof(LedgerOptions.MaxPointsPerCommand), 10_000_000m, (decimal)long.MaxValue), (error.Bound, error.Limit, error.Value));
        Assert.Contains("MaxPointsPerCommand", error.Message, StringComparison.Ordinal);
        Assert.Equal("points", error.ParamName);
        ledger.Redeem("r1", "c", 40, T0.AddDays(1));
        Assert.Equal(60, ledger.Balance("c", T0.AddDays(1)).Active);
    }

    [Fact]
    public void EarnForPurchase_HugeAmount_ThrowsNamingMaxPurchaseAmount()
    {
        var ledger = new PointsLedger();

        var error = Assert.Throws<LedgerLimitException>(() => ledger.EarnForPurchase("p", "c", decimal.MaxValue, T0));

        Assert.Equal(nameof(LedgerOptions.MaxPurchaseAmount), error.Bound);
        Assert.Equal(decimal.MaxValue, error.Value);
        Assert.Empty(ledger.History("c"));
    }

    [Fact]
    public void EarnForPurchase_PointsAbovePerCommandBound_ThrowsNamingIt()
    {
        var ledger = new PointsLedger(new LedgerOptions { PointsPerCurrencyUnit = 1000m, MaxPointsPerCommand = 5_000 });

        var error = Assert.Throws<LedgerLimitException>(() => ledger.EarnForPurchase("p", "c", 10m, T0));

        Assert.Equal((nameof(LedgerOptions.MaxPointsPerCommand), 10_000m), (error.Bound, error.Value));
    }

    [Fact]
    public void Earn_BeyondMaxBalance_ThrowsNamingItAndRecordsNothing()
    {
        var ledger = new PointsLedger(new LedgerOptions { MaxBalance = 1_000 });
        ledger.Earn("e1", "c", 900, T0);

        var error = Assert.Throws<LedgerLimitException>(() => ledger.Earn("e2", "c", 101, T0));

        Assert.Equal((nameof(LedgerOptions.MaxBalance), 1_000m, 1_001m), (error.Bound, error.Limit, error.Value));
        Assert.Single(ledger.History("c"));
        Assert.Equal(100, ledger.Earn("e2", "c", 100, T0).Points); // the refused id stays free
    }

    [Fact]
    public void Redeem_AbovePerCommandBound_ThrowsNamingIt() =>
        Assert.Equal(nameof(LedgerOptions.MaxPointsPerCommand),
            Assert.Throws<LedgerLimitException>(() => new PointsLedger().Redeem("r", "c", 10_000_001, T0)).Bound);

    [Fact]
    public void Earn_AtTheEndOfTime_SaturatesInsteadOfOverflowing()
    {
        var ledger = new PointsLedger();

        ledger.Earn("e", "c", 10, DateTime.MaxValue);

        Assert.Equal(10, ledger.Balance("c", DateTime.MaxValue).Earned);
        Assert.Equal("Member", ledger.Balance("c", DateTime.MinValue).Tier);
    }

    [Fact]
    public void Validate_BoundsAboveTheirCeilings_ReportsEachOne()
    {
        var error = Assert.Throws<ArgumentException>(() => new LedgerOptions
        {
            PointsPerCurrencyUnit = 2_000_000m,
            PointValue = 5_000m,
            MaxPointsPerCommand = long.MaxValue,
            MaxPurchaseAmount = 0m,
            MaxBalance = 0,
            OutOfOrderTolerance = TimeSpan.FromTicks(-1),
            Tiers = [new("Member", 0, 1e6m)],
        }.Validate());

        foreach (string name in new[] { "PointsPerCurrencyUnit", "PointValue", "MaxPointsPerCommand", "MaxPurchaseAmount", "MaxBalance", "OutOfOrderTolerance", "Tiers[0].EarnMultiplier" })
        {
            Assert.Contains("LedgerOptions." + name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Report_ManyAccountsAtMaxBalance_SumsWithoutOverflow()
    {
        var options = new LedgerOptions { MaxPointsPerCommand = 1_000_000_000_000, MaxBalance = 1_000_000_000_000_000, PointValue = 1_000m };
        var ledger = new PointsLedger(options);
        for (int c = 0; c < 20; c++)
        {
            for (int i = 0; i < 1000; i++)
            {
                ledger.Earn($"e{c}-{i}", $"c{c}", 1_000_000_000_000, T0);
            }
        }

        var report = ledger.Report(T0);

        Assert.Equal(20m * 1_000_000_000_000_000m, report.Issued); // 2 × 10¹⁶, and its liability 2 × 10¹⁹ is beyond long
        Assert.Equal(20m * 1_000_000_000_000_000_000m, report.Liability);
    }
}
