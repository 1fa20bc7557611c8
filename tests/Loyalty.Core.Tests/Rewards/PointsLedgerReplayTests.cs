using Loyalty.Core.Rewards;

namespace Loyalty.Core.Tests.Rewards;

/// <summary>Issue 15, ledger: replay is stable under option changes and commands racing on one account are
/// serialised rather than refused.</summary>
public sealed class PointsLedgerReplayTests
{
    private static readonly DateTime T0 = new(2025, 1, 1);
    private static readonly LedgerOptions Old = new() { PendingPeriod = TimeSpan.Zero, ExpiryPeriod = TimeSpan.FromDays(365), MaxPointsPerCommand = 1_000 };
    private static readonly LedgerOptions New = new() { PendingPeriod = TimeSpan.FromDays(30), ExpiryPeriod = TimeSpan.FromDays(5), MaxPointsPerCommand = 10 };

    [Fact]
    public void Replay_HistoryUnderItsOwnOptions_SameBalancesAfterTheOptionsChange()
    {
        var original = new PointsLedger(Old);
        original.Earn("e1", "c", 500, T0);
        original.Redeem("r1", "c", 200, T0.AddDays(1));
        original.Earn("e2", "c", 300, T0.AddDays(20));

        var rebuilt = new PointsLedger(New);
        foreach (var posting in original.History("c"))
        {
            rebuilt.Replay(posting, Old);
        }

        Assert.Equal(original.History("c"), rebuilt.History("c"));
        Assert.Equal(original.Balance("c", T0.AddDays(30)), rebuilt.Balance("c", T0.AddDays(30)));
        var next = rebuilt.Earn("e3", "c", 10, T0.AddDays(30)); // new postings follow the new options
        Assert.Equal(10, rebuilt.Balance("c", T0.AddDays(30)).Pending);
        Assert.Equal(PostingKind.Earn, next.Kind);
    }

    [Fact]
    public void Replay_SameHistoryThroughTheNewOptionsCommands_WouldFail()
    {
        // What replay did before: re-running the commands under the changed options refuses the old redemption.
        var rebuilt = new PointsLedger(New);
        Assert.Throws<LedgerLimitException>(() => rebuilt.Earn("e1", "c", 500, T0));
        rebuilt.Replay(new LedgerPosting("e1", "c", PostingKind.Earn, 500, T0), New);
        Assert.Throws<InsufficientPointsException>(() => rebuilt.Redeem("r1", "c", 10, T0.AddDays(1)));
    }

    [Fact]
    public void Replay_ExpiryPosting_Refused() =>
        Assert.Throws<ArgumentException>(() => new PointsLedger().Replay(new LedgerPosting("expire:e1", "c", PostingKind.Expire, 5, T0), Old));

    [Fact]
    public void Commands_SlightlyOutOfOrder_RecordedAtTheLastCommandsTime()
    {
        var ledger = new PointsLedger(Old);
        ledger.Earn("e1", "c", 100, T0.AddSeconds(2));

        var late = ledger.Redeem("r1", "c", 40, T0); // lost a race by two seconds

        Assert.Equal(T0.AddSeconds(2), late.At);
        Assert.Equal(60, ledger.Balance("c", T0.AddSeconds(2)).Active);
    }

    [Fact]
    public void Redeem_ParallelOnOneAccount_SerialisedNeverOverdrawn()
    {
        var ledger = new PointsLedger(Old);
        ledger.Earn("seed", "c", 100, T0);
        int succeeded = 0, refused = 0;

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                ledger.Redeem($"r{i}", "c", 10, T0.AddMilliseconds(i % 7));
                Interlocked.Increment(ref succeeded);
            }
            catch (InsufficientPointsException)
            {
                Interlocked.Increment(ref refused);
            }
        });

        Assert.Equal((10, 54), (succeeded, refused));
        Assert.Equal((0L, 100L), (ledger.Balance("c", T0.AddSeconds(1)).Active, ledger.Balance("c", T0.AddSeconds(1)).Spent));
    }
}
