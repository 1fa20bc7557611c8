using System.Collections.Concurrent;

namespace Loyalty.Core.Hosting;

/// <summary>
/// The default feedback sink of a host: keeps events in memory, idempotent by event id (a repeated id is a no-op).
/// Thread-safe. Replace it with a durable store in production by registering your own <see cref="IFeedbackSink"/>
/// before calling AddLoyalty.
/// </summary>
public sealed class InMemoryFeedbackSink : IFeedbackSink
{
    private readonly ConcurrentDictionary<string, FeedbackEvent> _events = new(StringComparer.Ordinal);

    /// <summary>Recorded events, in no particular order.</summary>
    public IReadOnlyCollection<FeedbackEvent> Events => _events.Values.ToArray();

    /// <inheritdoc />
    public ValueTask RecordAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedbackEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(feedbackEvent.EventId, nameof(feedbackEvent));
        _events.TryAdd(feedbackEvent.EventId, feedbackEvent);
        return ValueTask.CompletedTask;
    }
}
