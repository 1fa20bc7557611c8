using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Loyalty.Core.Rewards;

namespace Loyalty.Core.Storage;

/// <summary>
/// The durable ledger keeps only the commands (earn and redeem postings, with an idempotency fingerprint and the
/// version of the options they were recorded under) and rebuilds a customer's account by replaying them through
/// <see cref="PointsLedger.Replay"/>, so the rules live in one place. Expiry postings are derived on replay, the
/// same every time, and changing <see cref="LoyaltyStoreOptions.Ledger"/> applies to new postings only.
/// </summary>
public sealed partial class RelationalStoreEngine
{
    /// <summary>How often a command whose event id was taken by a concurrent command on another account is run
    /// again (it then finds that command's posting: the same command is returned, another one is a conflict).</summary>
    private const int EventRaceAttempts = 3;

    private readonly ConcurrentDictionary<string, LedgerOptions> _ledgerOptionVersions = new(StringComparer.Ordinal);
    private (string Version, string Text)? _currentLedgerOptions;

    /// <summary>The version id and canonical text of the options new postings are recorded under.</summary>
    private (string Version, string Text) CurrentLedgerOptions => _currentLedgerOptions ??= LedgerOptionsCodec.Encode(_options.Ledger);

    internal async Task<LedgerPosting?> LedgerCommandAsync(
        string eventId, CustomerId customerId, string command, string argument,
        Func<PointsLedger, CustomerId, LedgerPosting?> execute, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        string key = StoredKey(customerId);
        // The time is not part of the command: a retry stamped later by the server is the same command.
        string fingerprint = string.Create(CultureInfo.InvariantCulture, $"{command}|{argument}|{key}");
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await WithRetryAsync(ct => LedgerTransactionAsync(eventId, key, fingerprint, execute, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (EventIdTakenException) when (attempt < EventRaceAttempts)
            {
                // Rolled back; the next attempt sees the other command's posting.
            }
            catch (EventIdTakenException)
            {
                throw new LedgerEventConflictException(eventId);
            }
        }
    }

    private async Task<LedgerPosting?> LedgerTransactionAsync(
        string eventId, string key, string fingerprint, Func<PointsLedger, CustomerId, LedgerPosting?> execute, CancellationToken ct)
    {
        var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await _dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        if (_dialect.LockCustomerSql is { } lockSql)
        {
            await ExecuteAsync(connection, transaction, lockSql, ct, ("customer", key)).ConfigureAwait(false);
        }

        if (await FindPostingAsync(connection, transaction, eventId, key, fingerprint, ct).ConfigureAwait(false) is { } recorded)
        {
            return recorded;
        }

        var (version, text) = CurrentLedgerOptions;
        await ExecuteAsync(connection, transaction, "INSERT INTO loyalty_meta (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            ct, ("name", LedgerOptionsCodec.MetaPrefix + version), ("value", text)).ConfigureAwait(false);
        // Postings written before options were versioned (schema 1 and 2) are pinned, at the account's first command
        // since, to the options then in force: the best record there is of what governed them.
        await ExecuteAsync(connection, transaction, "UPDATE loyalty_ledger SET options_version = @version WHERE customer_key = @customer AND options_version IS NULL",
            ct, ("version", version), ("customer", key)).ConfigureAwait(false);

        var (ledger, count) = await ReplayAsync(connection, transaction, key, ct).ConfigureAwait(false);
        var posting = execute(ledger, new CustomerId(key));
        if (posting is not null)
        {
            int inserted = await ExecuteAsync(connection, transaction,
                "INSERT INTO loyalty_ledger (event_id, customer_key, seq, kind, points, ts, fingerprint, options_version) VALUES (@event, @customer, @seq, @kind, @points, @ts, @fingerprint, @version) ON CONFLICT (event_id) DO NOTHING",
                ct, ("event", eventId), ("customer", key), ("seq", count + 1L), ("kind", (long)posting.Kind), ("points", posting.Points),
                ("ts", posting.At.Ticks), ("fingerprint", fingerprint), ("version", version)).ConfigureAwait(false);
            if (inserted == 0)
            {
                throw new EventIdTakenException(); // a concurrent command on another account committed this event id first
            }
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return posting;
    }

    /// <summary>The posting already recorded under <paramref name="eventId"/>, or null when there is none; an event id
    /// reused for a different command (another customer, kind or argument) is a <see cref="LedgerEventConflictException"/>.</summary>
    private static async Task<LedgerPosting?> FindPostingAsync(
        DbConnection connection, DbTransaction transaction, string eventId, string key, string fingerprint, CancellationToken cancellationToken)
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

        return reader.GetString(4) == key && SameCommand(reader.GetString(0), fingerprint)
            ? new LedgerPosting(eventId, new CustomerId(key), (PostingKind)reader.GetInt64(1), reader.GetInt64(2), new DateTime(reader.GetInt64(3)))
            : throw new LedgerEventConflictException(eventId);
    }

    /// <summary>True when a stored fingerprint is <paramref name="fingerprint"/>, or its schema-1 form, which
    /// appended "|" and the command's ticks (a retry at another server time then looked like another command).</summary>
    private static bool SameCommand(string stored, string fingerprint) =>
        stored == fingerprint
        || (stored.Length > fingerprint.Length + 1 && stored.StartsWith(fingerprint + "|", StringComparison.Ordinal)
            && stored[(fingerprint.Length + 1)..].All(char.IsAsciiDigit));

    internal async Task<PointsLedger> LoadAccountAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        string key = StoredKey(customerId);
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var (ledger, _) = await ReplayAsync(connection, null, key, cancellationToken).ConfigureAwait(false);
        return ledger;
    }

    /// <summary>Rebuilds the account: every stored posting replayed under the options version it was recorded with
    /// (unversioned ones under the current options).</summary>
    private async Task<(PointsLedger Ledger, long Count)> ReplayAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        var customer = new CustomerId(key);
        var rows = new List<(LedgerPosting Posting, string? Version)>();
        var command = Command(connection, transaction,
            "SELECT event_id, kind, points, ts, options_version FROM loyalty_ledger WHERE customer_key = @customer ORDER BY seq", ("customer", key));
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var kind = (PostingKind)reader.GetInt64(1);
                string eventId = reader.GetString(0);
                if (kind is not (PostingKind.Earn or PostingKind.Redeem))
                {
                    throw new InvalidDataException($"Ledger row '{eventId}' has kind {kind}, which is never stored.");
                }

                rows.Add((new LedgerPosting(eventId, customer, kind, reader.GetInt64(2), new DateTime(reader.GetInt64(3))),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        var ledger = new PointsLedger(_options.Ledger);
        foreach (var (posting, version) in rows)
        {
            var options = version is null || version == CurrentLedgerOptions.Version
                ? _options.Ledger
                : await LedgerOptionsVersionAsync(connection, transaction, version, cancellationToken).ConfigureAwait(false);
            ledger.Replay(posting, options);
        }

        return (ledger, rows.Count);
    }

    /// <summary>The options recorded under <paramref name="version"/>; versions never change, so each is read once
    /// per engine.</summary>
    private async Task<LedgerOptions> LedgerOptionsVersionAsync(DbConnection connection, DbTransaction? transaction, string version, CancellationToken cancellationToken)
    {
        if (_ledgerOptionVersions.TryGetValue(version, out var known))
        {
            return known;
        }

        object? text = await ScalarAsync(connection, transaction, "SELECT value FROM loyalty_meta WHERE name = @name", cancellationToken,
            ("name", LedgerOptionsCodec.MetaPrefix + version)).ConfigureAwait(false);
        var options = text is string line
            ? LedgerOptionsCodec.Decode(version, line)
            : throw new InvalidDataException($"Ledger options version '{version}' is referenced by a posting but not recorded in loyalty_meta.");
        return _ledgerOptionVersions.GetOrAdd(version, options);
    }

    /// <summary>The event id was committed by a concurrent command on another account between the check and the insert.</summary>
    private sealed class EventIdTakenException : Exception;
}
