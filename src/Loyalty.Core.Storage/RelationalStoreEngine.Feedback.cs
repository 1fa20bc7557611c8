using System.Runtime.CompilerServices;

namespace Loyalty.Core.Storage;

public sealed partial class RelationalStoreEngine
{
    private const string InsertFeedbackSql =
        "INSERT INTO loyalty_feedback (event_id, customer_key, kind, ts, offer_id, value_e4) " +
        "VALUES (@event, @customer, @kind, @ts, @offer, @value) ON CONFLICT (event_id) DO NOTHING";

    /// <summary>Records events idempotently by event id.</summary>
    /// <param name="events">The events.</param>
    /// <param name="storedIds">True when the events name customers by stored ids this store handed out (the
    /// pipeline's issued events); false for ids from the host, which are keyed like every input id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    internal Task<IngestResult> RecordManyAsync(IEnumerable<FeedbackEvent> events, bool storedIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        // One order for every writer (by event id): concurrent batches with common events then wait for each
        // other instead of deadlocking, which PostgreSQL only detects after deadlock_timeout (1 s by default).
        // Stable, so of a repeated id in one call the first is stored, as before.
        var rows = events.Select((e, i) => Validate(e, i, nameof(events))).OrderBy(e => e.EventId, StringComparer.Ordinal).ToList();
        return WithRetryAsync(async ct =>
        {
            var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var transaction = await _dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            long inserted = 0;
            foreach (var e in rows)
            {
                inserted += await ExecuteAsync(connection, transaction, InsertFeedbackSql, ct,
                    ("event", e.EventId), ("customer", storedIds ? StoredIdValue(e.CustomerId) : StoredKey(e.CustomerId)), ("kind", (long)e.Kind), ("ts", e.Timestamp.Ticks),
                    ("offer", e.OfferId), ("value", e.Value is { } v ? StoreMoney.ToE4(v, $"Feedback event '{e.EventId}'") : null)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new IngestResult(rows.Count, inserted, rows.Count - inserted, 0);
        }, cancellationToken);
    }

    private static string StoredIdValue(CustomerId customerId) =>
        customerId.Value ?? throw new ArgumentException("A customer id is required.", nameof(customerId));

    private static FeedbackEvent Validate(FeedbackEvent? e, int index, string events)
    {
        if (e is null)
        {
            throw new ArgumentException($"Feedback event {index} is null.", events);
        }

        if (string.IsNullOrWhiteSpace(e.EventId))
        {
            throw new ArgumentException($"Feedback event {index} has no event id; ids make recording idempotent.", events);
        }

        if (!Enum.IsDefined(e.Kind))
        {
            throw new ArgumentException($"Feedback event '{e.EventId}' has an unknown kind {(int)e.Kind}.", events);
        }

        return e;
    }

    internal async IAsyncEnumerable<FeedbackEvent> ReadFeedbackAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in QueryAsync(
            "SELECT event_id, customer_key, kind, ts, offer_id, value_e4 FROM loyalty_feedback ORDER BY ts, event_id",
            cancellationToken).ConfigureAwait(false))
        {
            yield return new FeedbackEvent(
                row.GetString(0),
                new CustomerId(row.GetString(1)),
                (FeedbackKind)row.GetInt64(2),
                new DateTime(row.GetInt64(3)),
                row.IsDBNull(4) ? null : row.GetString(4),
                row.IsDBNull(5) ? null : StoreMoney.FromE4(row.GetInt64(5)));
        }
    }

    internal Task SaveAssignmentsAsync(string runId, IEnumerable<SegmentAssignment> assignments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(assignments);
        var rows = assignments.Select(a => (Key: StoredKey(a.CustomerId), a.SegmentId, a.Distance)).ToList();
        return WithRetryAsync(async ct =>
        {
            var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var transaction = await _dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "DELETE FROM loyalty_segment_assignments WHERE run_id = @run", ct, ("run", runId)).ConfigureAwait(false);
            foreach (var (key, segment, distance) in rows)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO loyalty_segment_assignments (run_id, customer_key, segment_id, distance) VALUES (@run, @customer, @segment, @distance)",
                    ct, ("run", runId), ("customer", key), ("segment", (long)segment), ("distance", double.IsNaN(distance) ? null : distance)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return rows.Count;
        }, cancellationToken);
    }

    internal async IAsyncEnumerable<SegmentAssignment> ReadAssignmentsAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        await foreach (var row in QueryAsync(
            "SELECT customer_key, segment_id, distance FROM loyalty_segment_assignments WHERE run_id = @run ORDER BY customer_key",
            cancellationToken, ("run", runId)).ConfigureAwait(false))
        {
            yield return new SegmentAssignment(new CustomerId(row.GetString(0)), checked((int)row.GetInt64(1)), row.IsDBNull(2) ? double.NaN : row.GetDouble(2));
        }
    }
}
