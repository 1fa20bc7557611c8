using System.Data;
using System.Data.Common;
using Npgsql;

namespace Loyalty.Core.Storage.PostgreSql;

/// <summary>PostgreSQL specifics: pooled connections from one data source, READ COMMITTED write transactions whose
/// conflicts are settled by unique keys (ON CONFLICT) and transaction-level advisory locks, ingest by binary COPY.</summary>
internal sealed class PostgresDialect(NpgsqlDataSource dataSource, TimeSpan lockTimeout) : IStoreDialect
{
    private readonly PostgresBulkIngest _ingest = new();

    private readonly string _setLockTimeoutSql =
        $"SET LOCAL lock_timeout = {Math.Max(1, (long)Math.Ceiling(lockTimeout.TotalMilliseconds))}";

    /// <summary>Advisory lock key of schema migration: "LOYALTYM" in ASCII, a constant no customer hash is likely to
    /// meet (and a clash would only make a migration wait for one ledger command).</summary>
    private const long MigrationLockKey = 0x4C4F59414C54594D;

    public string Name => "PostgreSQL";

    public NpgsqlDataSource DataSource => dataSource;

    public IReadOnlyList<StoreMigration> Migrations => PostgresSchema.Migrations;

    // CREATE TABLE IF NOT EXISTS is not safe against a concurrent CREATE in PostgreSQL (both pass the check, one
    // fails on the catalog's unique index): the lock makes a second opener wait and then find the schema in place.
    public string? MigrationLockSql => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    // READ COMMITTED alone would let two commands replay the same ledger and both post: the lock (released at
    // commit or rollback) serialises commands per customer while leaving other customers' commands in parallel.
    public string? LockCustomerSql => "SELECT pg_advisory_xact_lock(hashtextextended(@customer, 0))";

    public string SummarySql => PostgresSchema.SummarySql;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        try
        {
            // SET LOCAL ends with the transaction, so a pooled connection goes back unchanged; a wait longer than
            // the option fails with 55P03, which the engine retries until the same deadline.
            await PostgresCommands.ExecuteAsync(connection, transaction, _setLockTimeoutSql, cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<long> InsertTransactionsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredTransaction> batch, CancellationToken cancellationToken) =>
        _ingest.InsertAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, batch, cancellationToken);

    public bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is
            PostgresErrorCodes.SerializationFailure     // 40001
            or PostgresErrorCodes.DeadlockDetected      // 40P01
            or PostgresErrorCodes.LockNotAvailable      // 55P03: lock_timeout elapsed
            or PostgresErrorCodes.ObjectInUse           // 55006
            or PostgresErrorCodes.TooManyConnections    // 53300
            or PostgresErrorCodes.CannotConnectNow,     // 57P03: server starting up
        _ => false,
    };
}
