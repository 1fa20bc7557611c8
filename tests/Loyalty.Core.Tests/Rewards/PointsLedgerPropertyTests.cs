using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Rewards;
using Microsoft.FSharp.Core;

namespace Loyalty.Core.Tests.Rewards;

/// <summary>Issue 15, ledger: conservation of points and no negative balance under random command sequences,
/// sequential and concurrent (seeded, so every run checks the same cases).</summary>
public sealed class PointsLedgerPropertyTests
{
    private static readonly DateTime T0 = new(2025, 1, 1);

    private static readonly LedgerOptions Options = new()
    {
        PendingPeriod = TimeSpan.FromDays(10),
        ExpiryPeriod = TimeSpan.FromDays(100),
        Tiers = [new("Member", 0), new("Silver", 500, 2.0m)],
        TierWindow = TimeSpan.FromDays(50),
        TierGracePeriod = TimeSpan.FromDays(20),
        MaxPointsPerCommand = 1_000,
        MaxPurchaseAmount = 500m,
        MaxBalance = 5_000,
    };

    /// <summary>Kind (earn, purchase, redeem, repeat of the previous id, huge earn), points, days to advance.</summary>
    private static readonly Gen<(int Kind, int Points, int Days)> Command =
        from kind in Gen.Choose(0, 4)
        from points in Gen.Choose(1, 1_500)
        from days in Gen.Choose(-1, 16)
        select (kind, points, days);

    internal static Config Seeded(int maxTest, ulong seed) =>
        Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));

    [Fact]
    public void Commands_AnySequence_PointsConservedAndNoBalanceNegative() =>
        Check.One(Seeded(10_000, 20261204UL), Prop.ForAll(Command.ArrayOf().ToArbitrary(), commands =>
        {
            var ledger = new PointsLedger(Options);
            var at = T0;
            for (int i = 0; i < commands.Length; i++)
            {
                var (kind, points, days) = commands[i];
                at = at.AddDays(days); // -1 day: beyond the tolerance, refused with a named error
                Apply(ledger, "c", i, kind, points, at);
            }

            at = at.AddDays(1);
            Apply(ledger, "c", -1, 0, 1, at); // settles expiries up to the moment checked (unless refused by a bound)
            return Conserved(ledger, "c", at);
        }));

    [Fact]
    public void Commands_ConcurrentOnOneAccount_PointsConservedAndNoBalanceNegative() =>
        Check.One(Seeded(200, 20261205UL), Prop.ForAll(Command.ArrayOf(12).ArrayOf(4).ToArbitrary(), tasks =>
        {
            var ledger = new PointsLedger(Options with { PendingPeriod = TimeSpan.Zero });
            long redeemed = 0;
            Task.WaitAll(tasks.Select((commands, t) => Task.Run(() =>
            {
                for (int i = 0; i < commands.Length; i++)
                {
                    var (kind, points, _) = commands[i];
                    // All at one instant, or a moment earlier (serialised at the last command's time, not refused).
                    var at = T0.AddSeconds(-(points % 3));
                    var posting = Apply(ledger, "c", (t * 100) + i, kind, points, at);
                    if (posting is { Kind: PostingKind.Redeem })
                    {
                        Interlocked.Add(ref redeemed, posting.Points);
                    }
                }
            })).ToArray());

            var balance = ledger.Balance("c", T0);
            return Conserved(ledger, "c", T0) && balance.Spent == redeemed;
        }));

    /// <summary>Runs one command; the only failures allowed are the ledger's named refusals.</summary>
    private static LedgerPosting? Apply(PointsLedger ledger, CustomerId customer, int index, int kind, int points, DateTime at)
    {
        try
        {
            return kind switch
            {
                0 => ledger.Earn($"e{index}", customer, points, at),
                1 => ledger.EarnForPurchase($"e{index}", customer, points / 3.7m, at),
                2 => ledger.Redeem($"e{index}", customer, points, at),
                3 => ledger.Earn($"dup{index % 5}", customer, points % 7 + 1, at), // a retry or a conflict
                _ => ledger.Earn($"e{index}", customer, long.MaxValue - points, at),
            };
        }
        catch (Exception ex) when (ex is InsufficientPointsException or LedgerLimitException or LedgerEventConflictException
            || (ex is ArgumentException a && a.Message.Contains(nameof(LedgerOptions.OutOfOrderTolerance), StringComparison.Ordinal)))
        {
            return null;
        }
    }

    /// <summary>Sum of postings (earned − redeemed − expired) equals the balance, each total matches its postings,
    /// nothing is negative and no bound is exceeded.</summary>
    private static bool Conserved(PointsLedger ledger, CustomerId customer, DateTime at)
    {
        var balance = ledger.Balance(customer, at);
        var postings = ledger.History(customer);
        long earned = postings.Where(p => p.Kind == PostingKind.Earn).Sum(p => p.Points);
        long redeemed = postings.Where(p => p.Kind == PostingKind.Redeem).Sum(p => p.Points);
        long expired = postings.Where(p => p.Kind == PostingKind.Expire).Sum(p => p.Points);
        return balance.Pending >= 0 && balance.Active >= 0
            && earned - redeemed - balance.Expired == balance.Pending + balance.Active
            && balance.Earned == earned && balance.Spent == redeemed && balance.Expired >= expired
            && balance.Pending + balance.Active <= Options.MaxBalance
            && postings.All(p => p.Points is > 0 and <= 1_000);
    }
}
