using Npgsql;
using NpgsqlTypes;

namespace Loyalty.Core.Storage.PostgreSql;

/// <summary>
/// Idempotent bulk insert of one ingest batch: binary COPY into a temporary staging table, then one
/// <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c> into the store. COPY cannot skip duplicates itself; staging keeps
/// its speed (no per-row statements, no WAL for the temporary table) and lets the unique key decide, in the
/// caller's transaction, so the batch commits or vanishes as a whole. Rows go in key order: concurrent ingests of
/// overlapping data then wait for each other instead of deadlocking, and the key index is walked in order.
/// </summary>
internal static class PostgresBulkIngest
{
    // ON COMMIT DROP: the staging tables live exactly as long as the batch's transaction, also after a rollback or
    // a retry on a fresh connection, and never collide with another session's (temporary tables are per session).
    private const string CreateStagingSql = """
        CREATE TEMP TABLE loyalty_staging_transactions (
            tx_key bytea NOT NULL, customer_key text COLLATE "C" NOT NULL, day bigint NOT NULL, ts bigint NOT NULL,
            amount_e4 bigint NOT NULL, order_id text) ON COMMIT DROP
        """;

    private const string CopyTransactionsSql =
        "COPY loyalty_staging_transactions (tx_key, customer_key, day, ts, amount_e4, order_id) FROM STDIN (FORMAT BINARY)";

    private const string MergeTransactionsSql = """
        INSERT INTO loyalty_transactions (tx_key, customer_key, day, ts, amount_e4, order_id)
        SELECT tx_key, customer_key, day, ts, amount_e4, order_id FROM loyalty_staging_transactions
        ORDER BY tx_key
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
        ORDER BY tx_key, position
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Inserts the batch inside <paramref name="transaction"/>; returns how many transactions were new.</summary>
    internal static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredTransaction> batch, CancellationToken cancellationToken)
    {
        await RelationalStoreEngine.ExecuteAsync(connection, transaction, CreateStagingSql, cancellationToken).ConfigureAwait(false);
        bool hasItems = false;
        await using (var copy = await connection.BeginBinaryImportAsync(CopyTransactionsSql, cancellationToken).ConfigureAwait(false))
        {
            foreach (var t in batch)
            {
                hasItems |= t.ItemIds is { Count: > 0 };
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

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        long inserted = await RelationalStoreEngine.ExecuteAsync(connection, transaction, MergeTransactionsSql, cancellationToken).ConfigureAwait(false);
        if (hasItems)
        {
            await InsertItemsAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
        }

        return inserted;
    }

    private static async Task InsertItemsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredTransaction> batch, CancellationToken cancellationToken)
    {
        await RelationalStoreEngine.ExecuteAsync(connection, transaction, CreateItemStagingSql, cancellationToken).ConfigureAwait(false);
        await using (var copy = await connection.BeginBinaryImportAsync(CopyItemsSql, cancellationToken).ConfigureAwait(false))
        {
            foreach (var t in batch)
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

        await RelationalStoreEngine.ExecuteAsync(connection, transaction, MergeItemsSql, cancellationToken).ConfigureAwait(false);
    }
}
