using Loyalty.Core.Feedback;
using Loyalty.Core.Privacy;

namespace Loyalty.Core.Tests.Privacy;

public sealed class CustomerErasureTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>A participant that records what it was asked and may fail.</summary>
    private sealed class Recorder(string name, long removed = 1, bool fail = false) : ICustomerErasureParticipant
    {
        public List<ErasureSubject> Subjects { get; } = [];

        public string Name => name;

        public ValueTask<long> EraseCustomerAsync(ErasureSubject subject, CancellationToken cancellationToken = default)
        {
            Subjects.Add(subject);
            return fail ? throw new InvalidOperationException($"{name} is offline") : ValueTask.FromResult(removed);
        }
    }

    [Fact]
    public async Task EraseAsync_NoStore_CallsEveryParticipantWithTheIdAndCombinesTheCounts()
    {
        var log = new FeedbackLog();
        log.RecordEvent(new FeedbackEvent("e1", "alice", FeedbackKind.Issued, T0, "o1"));
        log.RecordEvent(new FeedbackEvent("e2", "alice", FeedbackKind.Claimed, T0, "o1"));
        log.RecordEvent(new FeedbackEvent("e3", "bob", FeedbackKind.Issued, T0, "o2"));
        var models = new Recorder("model-cache", removed: 3);
        var erasure = new CustomerErasure([log, models]);

        var report = await erasure.EraseAsync(new CustomerId("alice"));

        Assert.Null(report.Store);
        Assert.Equal(new CustomerId("alice"), report.StoredId);
        Assert.Equal(2, report.RecordsByParticipant["feedback-log"]);
        Assert.Equal(3, report.RecordsByParticipant["model-cache"]);
        Assert.Equal(5, report.TotalRemoved);
        Assert.Equal(new ErasureSubject("alice", "alice"), Assert.Single(models.Subjects));
        Assert.Equal(["e3"], log.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task EraseAsync_AParticipantFails_StillCallsTheOthersThenThrowsNamingIt()
    {
        var failing = new Recorder("report-cache", fail: true);
        var after = new Recorder("model-cache");
        var erasure = new CustomerErasure([failing, after]);

        var error = await Assert.ThrowsAsync<AggregateException>(() => erasure.EraseAsync(new CustomerId("alice")));

        Assert.Single(after.Subjects);
        var inner = Assert.Single(error.InnerExceptions);
        Assert.Contains("'report-cache'", inner.Message, StringComparison.Ordinal);
        Assert.Contains("offline", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TwoParticipantsWithOneName_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomerErasure([new Recorder("cache"), new Recorder("cache")]));

        Assert.Contains("'cache'", error.Message, StringComparison.Ordinal);
        Assert.Equal("participants", error.ParamName);
    }

    [Fact]
    public async Task FeedbackLog_EraseCustomerAsync_ForgetsEventsUnderEitherNameAndIsIdempotent()
    {
        var log = new FeedbackLog();
        log.RecordEvent(new FeedbackEvent("e1", "ps_stored", FeedbackKind.Issued, T0, "campaign:ps_stored:r1"));
        log.RecordEvent(new FeedbackEvent("e2", "alice", FeedbackKind.Repurchased, T0));
        log.RecordEvent(new FeedbackEvent("e3", "bob", FeedbackKind.Repurchased, T0));
        var subject = new ErasureSubject("alice", "ps_stored");

        long removed = await log.EraseCustomerAsync(subject);
        long again = await log.EraseCustomerAsync(subject);

        Assert.Equal(2, removed);
        Assert.Equal(0, again);
        Assert.Equal(["e3"], log.Events.Select(e => e.EventId));
        // The erased offer is gone too: feedback naming it is refused as for any unknown offer.
        Assert.Throws<ArgumentException>(() => log.RecordEvent(new FeedbackEvent("e4", "ps_stored", FeedbackKind.Claimed, T0, "campaign:ps_stored:r1")));
    }
}
