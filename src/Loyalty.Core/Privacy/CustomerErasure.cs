namespace Loyalty.Core.Privacy;

/// <summary>
/// Erases a customer everywhere the host registered: first from the store (every table, leaving a tombstone so the
/// erasure lasts), then from every <see cref="ICustomerErasureParticipant"/> — in-memory feedback logs and ledgers,
/// fitted models, report caches — and returns one combined report.
/// </summary>
/// <remarks>
/// <para>Order and failures: the store's erasure commits first, so a failing participant never leaves the durable
/// data behind. Every participant is called even when an earlier one fails; the failures are then thrown together
/// as an <see cref="AggregateException"/> naming each participant. Erasure is idempotent everywhere, so calling
/// <see cref="EraseAsync"/> again is the way to finish a partly failed erasure.</para>
/// <para>Participants receive both names of the customer (<see cref="ErasureSubject"/>): the id as the host knows
/// it, and the id the store keeps (the pseudonym when the store pseudonymises), which models and reports built
/// from the store hold.</para>
/// <para>Thread safety: immutable once constructed; safe to call from many threads when the store and the
/// participants are (the library's stores, <c>FeedbackLog</c> and <c>PointsLedger</c> are).</para>
/// </remarks>
public sealed class CustomerErasure
{
    private readonly ICustomerStore? _store;
    private readonly ICustomerErasureParticipant[] _participants;

    /// <summary>A coordinator over a store (or none, for hosts that keep everything in memory) and participants.</summary>
    /// <param name="participants">What else holds customer data; each name must be unique.</param>
    /// <param name="store">The durable store, or null when there is none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="participants"/> is null.</exception>
    /// <exception cref="ArgumentException">A participant is null, or two share a name.</exception>
    public CustomerErasure(IEnumerable<ICustomerErasureParticipant> participants, ICustomerStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(participants);
        _participants = participants.ToArray();
        for (int i = 0; i < _participants.Length; i++)
        {
            if (_participants[i] is null)
            {
                throw new ArgumentException($"Erasure participant {i} is null.", nameof(participants));
            }
        }

        var repeated = _participants.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"Two erasure participants are named '{repeated.Key}'; names must be unique to tell them apart in the report.", nameof(participants));
        }

        _store = store;
    }

    /// <summary>The participants called after the store, in order.</summary>
    public IReadOnlyList<ICustomerErasureParticipant> Participants => _participants;

    /// <summary>Erases the customer from the store, then from every participant.</summary>
    /// <param name="customerId">The customer, as the host knows them (never the stored id: a store keys every id it
    /// is given).</param>
    /// <param name="cancellationToken">Stops between participants; what was erased stays erased.</param>
    /// <returns>What the store and each participant removed.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value.</exception>
    /// <exception cref="AggregateException">One or more participants failed (after all were called).</exception>
    public async Task<CustomerErasureReport> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        if (customerId.Value is null)
        {
            throw new ArgumentException("A customer id is required.", nameof(customerId));
        }

        ErasureReport? stored = null;
        if (_store is not null)
        {
            stored = await _store.EraseCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        }

        var subject = new ErasureSubject(customerId, stored?.StoredId ?? customerId);
        var removed = new Dictionary<string, long>(StringComparer.Ordinal);
        var failures = new List<Exception>();
        foreach (var participant in _participants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                removed[participant.Name] = await participant.EraseCustomerAsync(subject, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The message names the participant and the stored id only: the raw id stays out of logs.
                failures.Add(new InvalidOperationException($"Erasure participant '{participant.Name}' failed for stored customer '{subject.StoredId}': {ex.Message}", ex));
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"{failures.Count} of {_participants.Length} erasure participants failed; the store's erasure is committed, and erasing again finishes the rest.", failures);
        }

        return new CustomerErasureReport(subject.StoredId, stored, removed);
    }
}
