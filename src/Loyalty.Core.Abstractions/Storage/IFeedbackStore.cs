namespace Loyalty.Core;

/// <summary>Durable, idempotent feedback events (issued, delivered, claimed, redeemed, repurchased).</summary>
/// <remarks>Thread safety: implementations state their guarantees; the SQLite and PostgreSQL stores are safe for concurrent use.</remarks>
public interface IFeedbackStore : IFeedbackSink
{
    /// <summary>Stores events; an event whose <see cref="FeedbackEvent.EventId"/> is already stored is counted as
    /// a duplicate. Safe to call from many threads or processes at once.</summary>
    Task<IngestResult> RecordManyAsync(IEnumerable<FeedbackEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Streams stored events ordered by time, then event id.</summary>
    IAsyncEnumerable<FeedbackEvent> ReadFeedbackAsync(CancellationToken cancellationToken = default);
}
