using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Loyalty.Core.Storage.Sqlite;

/// <summary>SQLite specifics: WAL journal, immediate write transactions (one writer at a time, others wait on the
/// busy timeout), multi-row prepared inserts for ingest.</summary>
internal sealed class SqliteDialect(string connectionString, TimeSpan lockTimeout) : IStoreDialect, IStoreSummarizer
{
    /// <summary>Rows per INSERT statement: amortises the per-statement cost while staying far below SQLite's
    /// 32,766 bound parameters.</summary>
    private const int RowsPerStatement = 64;

    public string Name => "SQLite";

    public string ConnectionString => connectionString;

    public IReadOnlyList<StoreMigration> Migrations => SqliteSchema.Migrations;

    public string? MigrationLockSql => null;

    public string? LockCustomerSql => null;

    public string? SummarySql => null;

    public IAsyncEnumerable<CustomerSummary> SummarizeAsync(SummaryWindow window, CancellationToken cancellationToken) =>
        new SqliteSummaryScan(this).SummarizeAsync(window, cancellationToken);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            // WAL survives a killed process with every committed transaction (synchronous=NORMAL is durable
            // against process crashes; only a power loss may roll back the last commits).
            pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(int)lockTimeout.TotalMilliseconds}; PRAGMA cache_size=-65536; PRAGMA threads=2;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public async Task<long> InsertTransactionsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredTransaction> batch, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        long inserted = new SqliteBulkInsert(sqlite.Handle!, RowsPerStatement).Insert(batch, cancellationToken);
        await InsertItemsAsync(sqlite, (SqliteTransaction)transaction, batch, cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    public bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    private static Task InsertItemsAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StoredTransaction> batch, CancellationToken cancellationToken)
    {
        SqliteCommand? command = null;
        try
        {
            foreach (var t in batch)
            {
                if (t.ItemIds is not { Count: > 0 } items)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (command is null)
                {
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = "INSERT INTO loyalty_transaction_items (tx_key, position, customer_key, item_id) VALUES ($k, $p, $c, $i) ON CONFLICT DO NOTHING";
                    command.Parameters.Add(new SqliteParameter("$k", null));
                    command.Parameters.Add(new SqliteParameter("$p", null));
                    command.Parameters.Add(new SqliteParameter("$c", null));
                    command.Parameters.Add(new SqliteParameter("$i", null));
                    command.Prepare();
                }

                for (int position = 0; position < items.Count; position++)
                {
                    command.Parameters[0].Value = t.Key;
                    command.Parameters[1].Value = (long)position;
                    command.Parameters[2].Value = t.CustomerKey;
                    command.Parameters[3].Value = items[position];
                    command.ExecuteNonQuery();
                }
            }
        }
        finally
        {
            command?.Dispose();
        }

        return Task.CompletedTask;
    }
}
