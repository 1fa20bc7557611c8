using System.Data.Common;
using System.Globalization;
using Loyalty.Core.Rewards;

namespace Loyalty.Core.Storage;

/// <summary>
/// The durable ledger keeps only the commands (earn and redeem postings, with an idempotency fingerprint) and
/// rebuilds a customer's account by replaying them through <see cref="PointsLedger"/>, so the rules live in one
/// place. Expiry postings are derived on replay, the same every time.
/// </summary>
public sealed partial class RelationalStoreEngine
{
    internal Task<LedgerPosting?> LedgerCommandAsync(
        string eventId, CustomerId customerId, string command, string argument, DateTime at,
        Func<PointsLedger, CustomerId, LedgerPosting?> execute, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        string key = StoredKey(customerId);
        var stored = new CustomerId(key);
        string fingerprint = string.Create(CultureInfo.InvariantCulture, $"{command}|{argument}|{key}|{at.Ticks}");
        return WithRetryAsync(async ct =>
        {
            var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var transaction = await _dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            if (_dialect.LockCustomerSql is { } lockSql)
            {
                await ExecuteAsync(connection, transaction, lockSql, ct, ("customer", key)).ConfigureAwait(false);
            }

            if (await FindPostingAsync(connection, transaction, eventId, fingerprint, ct).ConfigureAwait(false) is { } recorded)
            {
                return recorded;
            }

            var (ledger, count) = await ReplayAsync(connection, transaction, key, ct).ConfigureAwait(false);
            var posting = execute(ledger, stored);
            if (posting is not null)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO loyalty_ledger (event_id, customer_key, seq, kind, points, ts, fingerprint) VALUES (@event, @customer, @seq, @kind, @points, @ts, @fingerprint)",
                    ct, ("event", eventId), ("customer", key), ("seq", count + 1L), ("kind", (long)posting.Kind), ("points", posting.Points),
                    ("ts", posting.At.Ticks), ("fingerprint", fingerprint)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return posting;
        }, cancellationToken);
    }

    /// <summary>The posting already recorded under <paramref name="eventId"/>, or null when there is none; an event id
    /// reused for a different command (another fingerprint) is an error.</summary>
    private static async Task<LedgerPosting?> FindPostingAsync(
        DbConnection connection, DbTransaction transaction, string eventId, string fingerprint, CancellationToken cancellationToken)
    {
        var existing = Command(connection, transaction,
            "SELECT fingerprint, kind, points, ts, customer_key FROM loyalty_ledger WHERE event_id = @event", ("event", eventId));
        await using var existingScope = existing.ConfigureAwait(false);
        var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return reader.GetString(0) == fingerprint
            ? new LedgerPosting(eventId, new CustomerId(reader.GetString(4)), (PostingKind)reader.GetInt64(1), reader.GetInt64(2), new DateTime(reader.GetInt64(3)))
            : throw new ArgumentException($"Event id '{eventId}' was already used for a different command.", nameof(eventId));
    }

    internal async Task<PointsLedger> LoadAccountAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        string key = StoredKey(customerId);
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var (ledger, _) = await ReplayAsync(connection, null, key, cancellationToken).ConfigureAwait(false);
        return ledger;
    }

    private async Task<(PointsLedger Ledger, long Count)> ReplayAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        var ledger = new PointsLedger(_options.Ledger);
        var customer = new CustomerId(key);
        long count = 0;
        var command = Command(connection, transaction,
            "SELECT event_id, kind, points, ts FROM loyalty_ledger WHERE customer_key = @customer ORDER BY seq", ("customer", key));
        await using var commandScope = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
            string eventId = reader.GetString(0);
            long points = reader.GetInt64(2);
            var at = new DateTime(reader.GetInt64(3));
            _ = (PostingKind)reader.GetInt64(1) switch
            {
                PostingKind.Earn => ledger.Earn(eventId, customer, points, at),
                PostingKind.Redeem => ledger.Redeem(eventId, customer, points, at),
                var other => throw new InvalidOperationException($"Ledger row '{eventId}' has kind {other}, which is never stored."),
            };
        }

        return (ledger, count);
    }
}
