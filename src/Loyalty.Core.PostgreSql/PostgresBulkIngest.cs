using Npgsql;
using NpgsqlTypes;

namespace Loyalty.Core.Storage.PostgreSql;

/// <summary>
/// Idempotent bulk insert of one ingest batch, inside the caller's transaction so the batch commits or vanishes as a
/// whole. Two paths: new data goes by binary COPY straight into the table (behind a savepoint); when that meets a
/// key already stored, the savepoint is rolled back and the batch goes by COPY into a temporary staging table, then
/// one <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>, which skips the duplicates.
/// </summary>
/// <remarks>The direct path halves the server's work per row (no staging copy, no speculative insertion) and is the
/// common case: fresh exports, the rest of a killed ingest. Rows are sent in key order on both paths: the key
/// starts with the day, so the key index is appended to rather than written all over, and concurrent ingests of
/// overlapping data take row locks in the same order, waiting for each other instead of deadlocking.</remarks>
internal sealed class PostgresBulkIngest
{
    private const string CopyDirectSql =
        "COPY loyalty_transactions (tx_key, customer_key, day, ts, amount_e4, order_id) FROM STDIN (FORMAT BINARY)";

    // ON COMMIT DROP: the staging tables live exactly as long as the batch's transaction, also after a rollback or
    // a retry on a fresh connection, and never collide with another session's (temporary tables are per session).
    private const string CreateStagingSql = """
        CREATE TEMP TABLE loyalty_staging_transactions (
            tx_key bytea NOT NULL, customer_key text COLLATE "C" NOT NULL, day bigint NOT NULL, ts bigint NOT NULL,
            amount_e4 bigint NOT NULL, order_id text) ON COMMIT DROP
        """;

    private const string CopyStagingSql =
        "COPY loyalty_staging_transactions (tx_key, customer_key, day, ts, amount_e4, order_id) FROM STDIN (FORMAT BINARY)";

    // The batch arrives sorted by key, stably, so of two rows with one key (an order sent twice) the first is kept.
    private const string MergeTransactionsSql = """
        INSERT INTO loyalty_transactions (tx_key, customer_key, day, ts, amount_e4, order_id)
        SELECT tx_key, customer_key, day, ts, amount_e4, order_id FROM loyalty_staging_transactions
        ON CONFLICT DO NOTHING
        """;

    private const string CreateItemStagingSql = """
        CREATE TEMP TABLE loyalty_staging_items (
            tx_key bytea NOT NULL, position bigint NOT NULL, customer_key text COLLATE "C" NOT NULL, item_id text NOT NULL) ON COMMIT DROP
        """;

    private const string CopyItemsSql =
        "COPY loyalty_staging_items (tx_key, position, customer_key, item_id) FROM STDIN (FORMAT BINARY)";

    // Items of a duplicate transaction are offered too and skipped by their key, as in the SQLite store.
    private const string MergeItemsSql = """
        INSERT INTO loyalty_transaction_items (tx_key, position, customer_key, item_id)
        SELECT tx_key, position, customer_key, item_id FROM loyalty_staging_items
        ON CONFLICT DO NOTHING
        """;

    // A hint shared by the store's ingests: after a batch with duplicates the next is likely to have some too
    // (a re-run), so it goes straight to staging; a batch without any lets the next try the direct path again.
    private volatile bool _expectDuplicates;

    /// <summary>Inserts the batch inside <paramref name="transaction"/>; returns how many transactions were new.</summary>
    internal async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredTransaction> batch, CancellationToken cancellationToken)
    {
        var sorted = batch.OrderBy(t => t.Key, KeyComparer.Instance).ToArray();
        long inserted = -1;
        if (!_expectDuplicates)
        {
            inserted = await TryCopyDirectAsync(connection, transaction, sorted, cancellationToken).ConfigureAwait(false);
        }

        if (inserted < 0)
        {
            inserted = await MergeThroughStagingAsync(connection, transaction, sorted, cancellationToken).ConfigureAwait(false);
            _expectDuplicates = inserted < sorted.Length;
        }

        if (sorted.Any(t => t.ItemIds is { Count: > 0 }))
        {
            await InsertItemsAsync(connection, transaction, sorted, cancellationToken).ConfigureAwait(false);
        }

        return inserted;
    }

    /// <summary>COPY into the table itself; -1 (and nothing inserted) when a key is already stored.</summary>
    private async Task<long> TryCopyDirectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoredTransaction[] sorted, CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("loyalty_direct_copy", cancellationToken).ConfigureAwait(false);
        try
        {
            long copied = await CopyAsync(connection, CopyDirectSql, sorted, cancellationToken).ConfigureAwait(false);
            await transaction.ReleaseAsync("loyalty_direct_copy", cancellationToken).ConfigureAwait(false);
            return copied;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync("loyalty_direct_copy", cancellationToken).ConfigureAwait(false);
            _expectDuplicates = true;
            return -1;
        }
    }

    private static async Task<long> MergeThroughStagingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoredTransaction[] sorted, CancellationToken cancellationToken)
    {
        await PostgresCommands.ExecuteAsync(connection, transaction, CreateStagingSql, cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, CopyStagingSql, sorted, cancellationToken).ConfigureAwait(false);
        return await PostgresCommands.ExecuteAsync(connection, transaction, MergeTransactionsSql, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> CopyAsync(NpgsqlConnection connection, string copySql, StoredTransaction[] rows, CancellationToken cancellationToken)
    {
        var copy = await connection.BeginBinaryImportAsync(copySql, cancellationToken).ConfigureAwait(false);
        await using var copyScope = copy.ConfigureAwait(false);
        foreach (var t in rows)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(t.Key, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(t.CustomerKey, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync((long)t.Day, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(t.Ticks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(t.AmountE4, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            if (t.OrderId is null)
            {
                await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await copy.WriteAsync(t.OrderId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
        }

        return (long)await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertItemsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoredTransaction[] sorted, CancellationToken cancellationToken)
    {
        await PostgresCommands.ExecuteAsync(connection, transaction, CreateItemStagingSql, cancellationToken).ConfigureAwait(false);
        var copy = await connection.BeginBinaryImportAsync(CopyItemsSql, cancellationToken).ConfigureAwait(false);
        await using (copy.ConfigureAwait(false))
        {
            foreach (var t in sorted)
            {
                if (t.ItemIds is not { Count: > 0 } items)
                {
                    continue;
                }

                for (int position = 0; position < items.Count; position++)
                {
                    await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(t.Key, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync((long)position, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(t.CustomerKey, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(items[position], NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await PostgresCommands.ExecuteAsync(connection, transaction, MergeItemsSql, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Byte order, as PostgreSQL compares bytea.</summary>
    private sealed class KeyComparer : IComparer<byte[]>
    {
        internal static readonly KeyComparer Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
