namespace Loyalty.Core.Feedback;

/// <summary>
/// An in-memory, thread-safe, idempotent log of feedback events: the source for <see cref="FeedbackMetrics"/>.
/// </summary>
/// <remarks>
/// <para>Idempotence: an event whose id was seen before is a no-op (the first event with an id wins), so hosts can
/// replay deliveries safely.</para>
/// <para>Referential rule (a named error, not a silent drop): <see cref="FeedbackKind.Issued"/> opens an offer and
/// must carry an offer id; <see cref="FeedbackKind.Delivered"/>, <see cref="FeedbackKind.Claimed"/> and
/// <see cref="FeedbackKind.Redeemed"/> must name an offer issued before, to the same customer, or
/// <see cref="RecordEvent"/> throws <see cref="ArgumentException"/> naming the event and offer ids.
/// <see cref="FeedbackKind.Repurchased"/> may carry no offer id (a plain purchase); when it names one, the same
/// rule applies.</para>
/// <para>Erasure: as an <see cref="ICustomerErasureParticipant"/> ("feedback-log") it forgets every event of the
/// customer (under either of their names), with the event and offer ids, which may embed the customer id.</para>
/// <para>Thread safety: every member is safe to call from many threads at once.</para>
/// </remarks>
public sealed class FeedbackLog : IFeedbackSink, ICustomerErasureParticipant
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerId> _offers = new(StringComparer.Ordinal);
    private readonly List<FeedbackEvent> _events = [];

    /// <summary>Number of distinct events recorded.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>A snapshot of the recorded events, in the order they were recorded.</summary>
    public IReadOnlyList<FeedbackEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>Records one event.</summary>
    /// <param name="feedbackEvent">The event.</param>
    /// <returns>True when recorded; false when its id was seen before (a no-op).</returns>
    /// <exception cref="ArgumentException">The event id is blank, the kind is undefined, an issued event has no offer
    /// id, or the event refers to an offer that was never issued (or was issued to another customer).</exception>
    public bool RecordEvent(FeedbackEvent feedbackEvent)
    {
        ArgumentNullException.ThrowIfNull(feedbackEvent);
        if (string.IsNullOrWhiteSpace(feedbackEvent.EventId))
        {
            throw new ArgumentException("Feedback event id is blank.", nameof(feedbackEvent));
        }

        if (!Enum.IsDefined(feedbackEvent.Kind))
        {
            throw new ArgumentException($"Feedback event '{feedbackEvent.EventId}': unknown kind {(int)feedbackEvent.Kind}.", nameof(feedbackEvent));
        }

        lock (_gate)
        {
            if (_eventIds.Contains(feedbackEvent.EventId))
            {
                return false;
            }

            Validate(feedbackEvent);
            if (feedbackEvent.Kind == FeedbackKind.Issued)
            {
                _offers.Add(feedbackEvent.OfferId!, feedbackEvent.CustomerId);
            }

            _eventIds.Add(feedbackEvent.EventId);
            _events.Add(feedbackEvent);
            return true;
        }
    }

    /// <inheritdoc />
    /// <remarks>Completes synchronously; see <see cref="RecordEvent"/> for the rules.</remarks>
    public ValueTask RecordAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RecordEvent(feedbackEvent);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <value>"feedback-log".</value>
    public string Name => "feedback-log";

    /// <summary>Forgets every event about the customer, under the id the host knows or the stored id; idempotent.</summary>
    /// <param name="subject">The customer being erased.</param>
    /// <param name="cancellationToken">Checked before the removal.</param>
    /// <returns>How many events were removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    public ValueTask<long> EraseCustomerAsync(ErasureSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        cancellationToken.ThrowIfCancellationRequested();
        bool IsSubject(CustomerId id) => id == subject.CustomerId || id == subject.StoredId;
        lock (_gate)
        {
            foreach (var e in _events.Where(e => IsSubject(e.CustomerId)))
            {
                _eventIds.Remove(e.EventId);
            }

            int removed = _events.RemoveAll(e => IsSubject(e.CustomerId));

            foreach (string offer in _offers.Where(o => IsSubject(o.Value)).Select(o => o.Key).ToList())
            {
                _offers.Remove(offer);
            }

            return ValueTask.FromResult((long)removed);
        }
    }

    private void Validate(FeedbackEvent e)
    {
        if (e.Kind == FeedbackKind.Issued)
        {
            if (string.IsNullOrWhiteSpace(e.OfferId))
            {
                throw new ArgumentException($"Feedback event '{e.EventId}': an issued event needs an offer id.", nameof(e));
            }

            if (_offers.ContainsKey(e.OfferId))
            {
                throw new ArgumentException($"Feedback event '{e.EventId}': offer '{e.OfferId}' was already issued by another event.", nameof(e));
            }

            return;
        }

        if (e.OfferId is null)
        {
            if (e.Kind != FeedbackKind.Repurchased)
            {
                throw new ArgumentException($"Feedback event '{e.EventId}': a {e.Kind} event needs the id of an issued offer.", nameof(e));
            }

            return;
        }

        if (!_offers.TryGetValue(e.OfferId, out var customer))
        {
            throw new ArgumentException($"Feedback event '{e.EventId}': unknown offer id '{e.OfferId}' (no issued event for it).", nameof(e));
        }

        if (customer != e.CustomerId)
        {
            throw new ArgumentException(
                $"Feedback event '{e.EventId}': offer '{e.OfferId}' was issued to customer '{customer}', not '{e.CustomerId}'.", nameof(e));
        }
    }
}
