using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Loyalty.Core.Storage.Sqlite;

/// <summary>SQLite specifics: WAL journal, immediate write transactions (one writer at a time, others wait on the
/// busy timeout), multi-row prepared inserts for ingest.</summary>
internal sealed class SqliteDialect(string connectionString, TimeSpan lockTimeout) : IStoreDialect
{
    /// <summary>Rows per INSERT statement: amortises the per-statement cost while staying far below SQLite's
    /// 32,766 bound parameters.</summary>
    private const int RowsPerStatement = 64;

    public string Name => "SQLite";

    public string ConnectionString => connectionString;

    public IReadOnlyList<StoreMigration> Migrations => SqliteSchema.Migrations;

    public string? MigrationLockSql => null;

    public string? LockCustomerSql => null;

    public string SummarySql => SqliteSchema.SummarySql;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            // WAL survives a killed process with every committed transaction (synchronous=NORMAL is durable
            // against process crashes; only a power loss may roll back the last commits).
            pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(int)lockTimeout.TotalMilliseconds}; PRAGMA cache_size=-65536;";
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
        var tx = (SqliteTransaction)transaction;
        long inserted = 0;
        using var wide = PrepareInsert(sqlite, tx, RowsPerStatement);
        using var single = PrepareInsert(sqlite, tx, 1);
        int i = 0;
        for (; i + RowsPerStatement <= batch.Count; i += RowsPerStatement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int r = 0; r < RowsPerStatement; r++)
            {
                Bind(wide, r, batch[i + r]);
            }

            inserted += wide.ExecuteNonQuery();
        }

        for (; i < batch.Count; i++)
        {
            Bind(single, 0, batch[i]);
            inserted += single.ExecuteNonQuery();
        }

        await InsertItemsAsync(sqlite, tx, batch, cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    public bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    private static SqliteCommand PrepareInsert(SqliteConnection connection, SqliteTransaction transaction, int rows)
    {
        var sql = new StringBuilder("INSERT INTO loyalty_transactions (customer_key, day, ts, tx_key, amount_e4, order_id) VALUES ");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (int r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "" : ",").Append("($c").Append(r).Append(",$d").Append(r).Append(",$t").Append(r)
               .Append(",$k").Append(r).Append(",$a").Append(r).Append(",$o").Append(r).Append(')');
            foreach (char p in "cdtkao")
            {
                command.Parameters.Add(new SqliteParameter("$" + p + r, null));
            }
        }

        sql.Append(" ON CONFLICT DO NOTHING");
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, int row, in StoredTransaction t)
    {
        var p = command.Parameters;
        int at = row * 6;
        p[at].Value = t.CustomerKey;
        p[at + 1].Value = (long)t.Day;
        p[at + 2].Value = t.Ticks;
        p[at + 3].Value = t.Key;
        p[at + 4].Value = t.AmountE4;
        p[at + 5].Value = (object?)t.OrderId ?? DBNull.Value;
    }

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
