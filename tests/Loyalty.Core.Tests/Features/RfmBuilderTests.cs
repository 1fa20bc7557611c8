using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Collection;
using Loyalty.Core.Features;

namespace Loyalty.Core.Tests.Features;

public sealed class RfmBuilderTests
{
    private static readonly DateTime Start = new(2024, 1, 1);
    private static readonly Config Cfg = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static RfmOptions Options(ReturnPolicy returns = ReturnPolicy.Reject) => new()
    {
        TimeUnit = TimeUnit.Week,
        CalibrationEnd = Start.AddDays(59),
        ObservationEnd = Start.AddDays(89),
        Cleaning = new CleaningPolicy { Returns = returns },
    };

    /// <summary>Logs of up to 8 customers over 100 days (some after the observation end), amounts in cents.</summary>
    private static Arbitrary<Transaction[]> Logs(bool withReturns = false) =>
        (from customer in Gen.Choose(0, 7)
         from day in Gen.Choose(0, 99)
         from minute in Gen.Elements(0, 0, 0, 90)
         from cents in Gen.Choose(withReturns ? -3000 : 0, 10000)
         select new Transaction($"c{customer}", Start.AddDays(day).AddMinutes(minute), cents / 100m))
        .ArrayOf().ToArbitrary();

    private static RfmResult Build(IEnumerable<Transaction> log, RfmOptions options)
    {
        var builder = new RfmBuilder(options);
        foreach (var t in log)
        {
            builder.Add(t);
        }

        return builder.Build();
    }

    private static bool SameSummaries(RfmResult a, RfmResult b) =>
        a.Summaries.Count == b.Summaries.Count && a.Summaries.Zip(b.Summaries).All(p =>
            p.First.CustomerId == p.Second.CustomerId && p.First.Frequency == p.Second.Frequency
            && p.First.Recency == p.Second.Recency && p.First.T == p.Second.T
            && Math.Abs(p.First.MonetaryValue - p.Second.MonetaryValue) <= 1e-9
            && p.First.Holdout!.Value.Frequency == p.Second.Holdout!.Value.Frequency
            && Math.Abs(p.First.Holdout.Value.MonetaryValue - p.Second.Holdout.Value.MonetaryValue) <= 1e-9);

    [Fact]
    public void Build_ShuffledInput_GivesTheSameSummaries() =>
        Check.One(Cfg, Prop.ForAll(Logs(withReturns: true), Gen.Choose(0, int.MaxValue).ToArbitrary(), (log, seed) =>
        {
            var shuffled = log.ToArray();
            new Random(seed).Shuffle(shuffled);
            return SameSummaries(Build(log, Options(ReturnPolicy.Net)), Build(shuffled, Options(ReturnPolicy.Net)));
        }));

    [Fact]
    public void Build_AnyLog_RecencyWithinAgeAndCountsConsistent() =>
        Check.One(Cfg, Prop.ForAll(Logs(), log =>
        {
            var result = Build(log, Options());
            var q = result.Quality;
            return result.Summaries.All(s => s.Recency >= 0 && s.Recency <= s.T && s.Frequency >= 0
                    && (s.Frequency > 0 || (s.Recency == 0 && s.MonetaryValue == 0)))
                && q.RowsRead == log.Length
                && q.TransactionsUsed + q.AfterObservationEnd == log.Length;
        }));

    [Fact]
    public void Merge_ShardsByCustomerOrByDay_EqualsTheSummaryOfTheUnion() =>
        Check.One(Cfg, Prop.ForAll(Logs(), Gen.Choose(1, 4).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (log, shardCount, byCustomer) =>
        {
            var shards = log
                .GroupBy(t => byCustomer ? t.CustomerId.Value.GetHashCode(StringComparison.Ordinal) & 3 % shardCount : (t.Timestamp - Start).Days % shardCount)
                .Select(g =>
                {
                    var builder = new RfmBuilder(Options());
                    foreach (var t in g)
                    {
                        builder.Add(t);
                    }

                    return builder.BuildPartials();
                })
                .ToList();
            var union = Build(log, Options());
            var merged = shards.Count == 0 ? union : RfmPartials.Merge(shards).ToResult();
            return SameSummaries(union, merged) && merged.Quality.TransactionsUsed == union.Quality.TransactionsUsed;
        }));

    [Fact]
    public void Build_SameDayPurchases_MergeIntoOneDay()
    {
        var result = Build(
        [
            new("a", Start.AddHours(9), 10m),
            new("a", Start.AddHours(17), 5m),
            new("a", Start.AddDays(14), 20m),
            new("a", Start.AddDays(14).AddHours(1), 4m),
        ], Options());

        var s = Assert.Single(result.Summaries);
        Assert.Equal(1, s.Frequency);
        Assert.Equal(2.0, s.Recency, 12);
        Assert.Equal(59 / 7.0, s.T, 12);
        Assert.Equal(24.0, s.MonetaryValue, 12);
        Assert.Equal(2, result.Quality.SameDayMerged);
    }

    [Fact]
    public void Build_HoldoutWindow_CountsLaterPurchasesSeparately()
    {
        var result = Build(
        [
            new("a", Start, 10m),
            new("a", Start.AddDays(70), 30m),
            new("a", Start.AddDays(80), 50m),
            new("a", Start.AddDays(95), 99m),
            new("late", Start.AddDays(75), 1m),
        ], Options());

        var s = Assert.Single(result.Summaries);
        Assert.Equal(0, s.Frequency);
        Assert.Equal(new HoldoutObservation(2, 30 / 7.0, 40.0), s.Holdout);
        Assert.Equal(1, result.Quality.AfterObservationEnd);
        Assert.Equal(1, result.Quality.CustomersFirstSeenAfterCalibration);
    }

    [Fact]
    public void Build_NetReturns_SubtractFromTheLatestEarlierPurchaseAndCancelWholeReturns()
    {
        var result = Build(
        [
            new("a", Start, 10m),
            new("a", Start.AddDays(7), 30m),
            new("a", Start.AddDays(14), 20m),
            new("a", Start.AddDays(9), -12m),
            new("a", Start.AddDays(15), -25m),
            new("b", Start.AddDays(1), 5m),
            new("b", Start, -5m),
        ], Options(ReturnPolicy.Net));

        var a = result.Summaries.Single(s => s.CustomerId == "a");
        Assert.Equal(1, a.Frequency); // the day-14 purchase was returned in full
        Assert.Equal(18.0, a.MonetaryValue, 12);
        Assert.Equal(1, a.Recency, 12);
        Assert.Equal(2, result.Quality.ReturnsNetted);
        Assert.Equal(1, result.Quality.PurchaseDaysCancelled);
        Assert.Equal(1, result.Quality.ReturnsDropped); // b's return precedes any purchase
    }

    [Fact]
    public void Add_NegativeAmountUnderRejectPolicy_ThrowsNamingTheCustomer()
    {
        var builder = new RfmBuilder(Options());
        var ex = Assert.Throws<ArgumentException>(() => builder.Add(new Transaction("zed", Start, -1m)));
        Assert.Contains("zed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_IdenticalRowsWithDropPolicy_KeepsOnlyTheFirst()
    {
        var options = Options() with { Cleaning = new CleaningPolicy { ContentDuplicates = IdenticalRowPolicy.Drop } };
        var result = Build([new("a", Start, 10m), new("a", Start, 10m), new("a", Start.AddDays(1), 10m)], options);

        Assert.Equal(10.0, result.Summaries[0].MonetaryValue, 12);
        Assert.Equal(1, result.Quality.IdenticalRowsDropped);
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RfmBuilder(new RfmOptions
        {
            TimeUnit = (TimeUnit)7,
            ObservationEnd = Start,
            Cleaning = new CleaningPolicy { MaxRejectedRows = -1 },
        }));
        Assert.Contains("TimeUnit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CalibrationEnd", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRejectedRows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveWindow_NoCalibrationEnd_UsesTheLastPurchaseDay()
    {
        var builder = new RfmBuilder(new RfmOptions());
        builder.Add(new Transaction("a", Start.AddDays(3).AddHours(5), 1m));
        Assert.Equal(Start.AddDays(3), builder.ResolveWindow().CalibrationEnd);
    }
}
