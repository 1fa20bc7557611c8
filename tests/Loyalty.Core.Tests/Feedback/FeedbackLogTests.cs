using Loyalty.Core.Feedback;

namespace Loyalty.Core.Tests.Feedback;

public sealed class FeedbackLogTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);

    private static FeedbackEvent Issue(string id, string customer, string offer, int day = 0) =>
        new(id, customer, FeedbackKind.Issued, T0.AddDays(day), offer);

    [Fact]
    public void RecordEvent_DuplicateEventId_IsNoOpAndKeepsFirst()
    {
        var log = new FeedbackLog();
        Assert.True(log.RecordEvent(Issue("e1", "c1", "o1")));
        Assert.False(log.RecordEvent(Issue("e1", "c1", "o1")));
        Assert.False(log.RecordEvent(new FeedbackEvent("e1", "c2", FeedbackKind.Repurchased, T0)));
        Assert.Equal(1, log.Count);
        Assert.Equal("c1", log.Events[0].CustomerId.Value);
    }

    [Fact]
    public void RecordEvent_UnknownOfferId_ThrowsNamingEventAndOffer()
    {
        var log = new FeedbackLog();
        var ex = Assert.Throws<ArgumentException>(() => log.RecordEvent(new FeedbackEvent("e9", "c1", FeedbackKind.Claimed, T0, "nope")));
        Assert.Contains("'e9'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, log.Count);
    }

    [Fact]
    public void RecordEvent_InvalidReferences_ThrowNamedErrors()
    {
        var log = new FeedbackLog();
        log.RecordEvent(Issue("e1", "c1", "o1"));
        Assert.Throws<ArgumentException>(() => log.RecordEvent(new FeedbackEvent("e2", "c1", FeedbackKind.Issued, T0)));
        Assert.Throws<ArgumentException>(() => log.RecordEvent(Issue("e3", "c1", "o1")));
        Assert.Throws<ArgumentException>(() => log.RecordEvent(new FeedbackEvent("e4", "c2", FeedbackKind.Redeemed, T0, "o1")));
        Assert.Throws<ArgumentException>(() => log.RecordEvent(new FeedbackEvent("e5", "c1", FeedbackKind.Delivered, T0)));
        Assert.Throws<ArgumentException>(() => log.RecordEvent(new FeedbackEvent(" ", "c1", FeedbackKind.Repurchased, T0)));
        Assert.True(log.RecordEvent(new FeedbackEvent("e6", "c1", FeedbackKind.Repurchased, T0)));
        Assert.Equal(2, log.Count);
    }

    [Fact]
    public async Task RecordAsync_ReplayedEvents_RecordedOnce()
    {
        var log = new FeedbackLog();
        IFeedbackSink sink = log;
        for (int i = 0; i < 3; i++)
        {
            await sink.RecordAsync(Issue("e1", "c1", "o1"));
            await sink.RecordAsync(new FeedbackEvent("e2", "c1", FeedbackKind.Delivered, T0, "o1"));
        }

        Assert.Equal(2, log.Count);
    }

    [Fact]
    public void Funnel_IssuedDeliveredClaimedRedeemed_ReportsRatesPerIssuedOffer()
    {
        var log = new FeedbackLog();
        for (int i = 0; i < 4; i++)
        {
            log.RecordEvent(Issue($"i{i}", $"c{i}", $"o{i}"));
        }

        for (int i = 0; i < 3; i++)
        {
            log.RecordEvent(new FeedbackEvent($"d{i}", $"c{i}", FeedbackKind.Delivered, T0, $"o{i}"));
        }

        log.RecordEvent(new FeedbackEvent("k0", "c0", FeedbackKind.Claimed, T0, "o0"));
        log.RecordEvent(new FeedbackEvent("k1", "c1", FeedbackKind.Claimed, T0, "o1"));
        log.RecordEvent(new FeedbackEvent("r0", "c0", FeedbackKind.Redeemed, T0, "o0", 20m));

        var funnel = FeedbackMetrics.Funnel(log.Events);

        Assert.Equal(4, funnel.Issued);
        Assert.Equal(0.75, funnel.DeliveryRate, 12);
        Assert.Equal(0.5, funnel.ClaimRate, 12);
        Assert.Equal(0.25, funnel.RedemptionRate, 12);
        Assert.Equal(0.0, FeedbackMetrics.Funnel([]).ClaimRate);
    }

    [Fact]
    public void RepeatPurchaseRate_TwoOfThreeBuyersReturn_IsTwoThirds()
    {
        FeedbackEvent Buy(string id, string c, int day) => new(id, c, FeedbackKind.Repurchased, T0.AddDays(day));
        var events = new[] { Buy("1", "a", 0), Buy("2", "a", 3), Buy("3", "b", 1), Buy("4", "b", 9), Buy("5", "c", 2) };

        Assert.Equal(2.0 / 3.0, FeedbackMetrics.RepeatPurchaseRate(events), 12);
        Assert.Equal(0.0, FeedbackMetrics.RepeatPurchaseRate([]));
    }

    [Fact]
    public void Retention_EndMinusNewOverStart_MatchesHandCount()
    {
        FeedbackEvent Buy(string id, string c, int day) => new(id, c, FeedbackKind.Repurchased, T0.AddDays(day));

        // a, b, c, d bought before the period; a and b come back; e and f are new in the period.
        var events = new[]
        {
            Buy("1", "a", 0), Buy("2", "b", 1), Buy("3", "c", 2), Buy("4", "d", 3),
            Buy("5", "a", 40), Buy("6", "b", 45), Buy("7", "e", 41), Buy("8", "f", 50), Buy("9", "c", 80),
        };

        var r = FeedbackMetrics.Retention(events, T0.AddDays(30), T0.AddDays(60));

        Assert.Equal(4, r.AtStart);
        Assert.Equal(2, r.New);
        Assert.Equal(4, r.AtEnd);
        Assert.Equal(0.5, r.Retention!.Value, 12);
        Assert.Equal(0.5, r.Churn!.Value, 12);
        Assert.Null(FeedbackMetrics.Retention(events, T0.AddDays(-10), T0).Retention);
        Assert.Throws<ArgumentException>(() => FeedbackMetrics.Retention(events, T0, T0));
    }

    [Fact]
    public void CohortRetentionTable_TwoCohorts_SharesPerMonthSinceAcquisition()
    {
        FeedbackEvent Buy(string id, string c, int y, int m) => new(id, c, FeedbackKind.Repurchased, new DateTime(y, m, 10, 0, 0, 0, DateTimeKind.Utc));
        var events = new[]
        {
            Buy("1", "a", 2026, 1), Buy("2", "b", 2026, 1), Buy("3", "a", 2026, 2), Buy("4", "b", 2026, 3),
            Buy("5", "c", 2026, 2), Buy("6", "c", 2026, 3), Buy("7", "a", 2026, 3),
        };

        var table = CohortRetentionTable.Build(events);

        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)], table.Cohorts);
        Assert.Equal([2, 1], table.CohortSizes);
        Assert.Equal(3, table.Periods(0));
        Assert.Equal(1.0, table.Rate(0, 0), 12);
        Assert.Equal(0.5, table.Rate(0, 1), 12);
        Assert.Equal(1.0, table.Rate(0, 2), 12);
        Assert.Equal(2, table.Periods(1));
        Assert.Equal(1.0, table.Rate(1, 1), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Rate(1, 2));
        Assert.Empty(CohortRetentionTable.Build([]).Cohorts);
    }

    [Fact]
    public void RecordEvent_ConcurrentReplays_EachEventRecordedOnce()
    {
        var log = new FeedbackLog();
        var events = Enumerable.Range(0, 500).Select(i => Issue($"e{i}", $"c{i % 50}", $"o{i}")).ToArray();
        int recorded = 0;

        Parallel.For(0, 4, _ =>
        {
            foreach (var e in events)
            {
                if (log.RecordEvent(e))
                {
                    Interlocked.Increment(ref recorded);
                }
            }
        });

        Assert.Equal(500, recorded);
        Assert.Equal(500, log.Count);
        Assert.Equal(500, FeedbackMetrics.Funnel(log.Events).Issued);
    }
}
