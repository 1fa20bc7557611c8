using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Loyalty.Core.Storage.Sqlite;

/// <summary>
/// The ingest hot path on SQLite's own API: multi-row prepared INSERTs bound with typed calls. Going through
/// <c>SqliteParameter</c> boxed every value and re-inferred its type per row, which cost more than SQLite's own
/// work. Runs inside the caller's transaction on the same connection.
/// </summary>
internal sealed class SqliteBulkInsert(sqlite3 database, int rowsPerStatement)
{
    private const int Columns = 6;

    internal long Insert(IReadOnlyList<StoredTransaction> batch, CancellationToken cancellationToken)
    {
        long inserted = 0;
        int wide = batch.Count / rowsPerStatement;
        if (wide > 0)
        {
            inserted += Run(batch, 0, wide, rowsPerStatement, cancellationToken);
        }

        int done = wide * rowsPerStatement;
        if (done < batch.Count)
        {
            inserted += Run(batch, done, batch.Count - done, 1, cancellationToken);
        }

        return inserted;
    }

    private long Run(IReadOnlyList<StoredTransaction> batch, int start, int statements, int rows, CancellationToken cancellationToken)
    {
        Check(raw.sqlite3_prepare_v2(database, Sql(rows), out sqlite3_stmt statement));
        try
        {
            long inserted = 0;
            for (int s = 0; s < statements; s++)
            {
                if ((s & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                for (int r = 0; r < rows; r++)
                {
                    Bind(statement, r * Columns, batch[start + (s * rows) + r]);
                }

                int rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    Check(rc);
                }

                inserted += raw.sqlite3_changes(database);
                Check(raw.sqlite3_reset(statement));
            }

            return inserted;
        }
        finally
        {
            statement.Dispose();
        }
    }

    private static void Bind(sqlite3_stmt statement, int first, in StoredTransaction t)
    {
        raw.sqlite3_bind_text(statement, first + 1, t.CustomerKey);
        raw.sqlite3_bind_int64(statement, first + 2, t.Day);
        raw.sqlite3_bind_int64(statement, first + 3, t.Ticks);
        raw.sqlite3_bind_blob(statement, first + 4, t.Key);
        raw.sqlite3_bind_int64(statement, first + 5, t.AmountE4);
        if (t.OrderId is null)
        {
            raw.sqlite3_bind_null(statement, first + 6);
        }
        else
        {
            raw.sqlite3_bind_text(statement, first + 6, t.OrderId);
        }
    }

    private static string Sql(int rows)
    {
        var sql = new StringBuilder("INSERT INTO loyalty_transactions (customer_key, day, ts, tx_key, amount_e4, order_id) VALUES ");
        for (int r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(?,?,?,?,?,?)" : ",(?,?,?,?,?,?)");
        }

        return sql.Append(" ON CONFLICT DO NOTHING").ToString();
    }

    private void Check(int rc)
    {
        if (rc is not raw.SQLITE_OK and not raw.SQLITE_DONE and not raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }
    }
}
