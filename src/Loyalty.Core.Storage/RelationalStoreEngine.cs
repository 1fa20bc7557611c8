using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Loyalty.Core.Storage;

/// <summary>
/// The store logic shared by every relational store over ADO.NET: schema migration, key and pseudonym checks,
/// idempotent batched ingest, RFM pushdown, customers and erasure, feedback, segment assignments and the durable
/// ledger. A store package supplies an <see cref="IStoreDialect"/>, opens an engine with <see cref="OpenAsync"/> and
/// wraps it in a subclass of <see cref="RelationalLoyaltyStore"/>, which exposes the operations.
/// </summary>
/// <remarks>Thread-safe: the engine keeps no state between calls but its options and dialect, and every operation
/// opens its own connection and transaction through the dialect.</remarks>
/// <example><code>
/// public static async Task&lt;MyStore&gt; OpenAsync(string connectionString, LoyaltyStoreOptions options, CancellationToken cancellationToken = default)
/// {
///     var engine = await RelationalStoreEngine.OpenAsync(new MyDialect(connectionString), options, cancellationToken);
///     return new MyStore(engine); // MyStore : RelationalLoyaltyStore
/// }
/// </code></example>
public sealed partial class RelationalStoreEngine
{
    internal static readonly string[] CustomerTables =
    [
        "loyalty_transactions", "loyalty_transaction_items", "loyalty_feedback", "loyalty_ledger",
        "loyalty_segment_assignments", "loyalty_customers",
    ];

    private readonly IStoreDialect _dialect;
    private readonly LoyaltyStoreOptions _options;
    private readonly CustomerPseudonymizer _pseudonymizer;

    // Read from loyalty_meta when the store is opened (MigrateAsync), before any other call.
    private int _transactionKeyVersion = TransactionKeyer.Version2;
    private byte[] _erasureSalt = [];

    private RelationalStoreEngine(IStoreDialect dialect, LoyaltyStoreOptions options)
    {
        _dialect = dialect;
        _options = options;
        _pseudonymizer = options.Pseudonymizer!;
    }

    /// <summary>The validated options the engine was opened with.</summary>
    public LoyaltyStoreOptions Options => _options;

    /// <summary>The newest schema version the dialect writes: the version of its last migration.</summary>
    public int SchemaVersion => _dialect.Migrations[^1].Version;

    /// <summary>Opens a store: creates or migrates the schema (see <see cref="IStoreDialect.Migrations"/>) and checks
    /// that the pseudonymisation key is the one the store was created with.</summary>
    /// <param name="dialect">The database specifics.</param>
    /// <param name="options">The store settings; validated here.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The engine, ready for use.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dialect"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or the dialect has no migrations (all problems listed).</exception>
    /// <exception cref="StoreSchemaVersionException">The store was written by a newer schema version.</exception>
    /// <exception cref="StoreKeyMismatchException">The store was created with another pseudonymisation key (or none).</exception>
    public static async Task<RelationalStoreEngine> OpenAsync(IStoreDialect dialect, LoyaltyStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(options);
        if (dialect.Migrations is not { Count: > 0 })
        {
            throw new ArgumentException($"The {dialect.Name} dialect lists no migrations; {nameof(IStoreDialect.Migrations)} must end with the schema version it writes.", nameof(dialect));
        }

        options.Validate();
        var engine = new RelationalStoreEngine(dialect, options);
        await engine.WithRetryAsync(engine.MigrateAsync, cancellationToken).ConfigureAwait(false);
        return engine;
    }

    internal CustomerId ToStoredId(CustomerId customerId) => _pseudonymizer.Pseudonymize(customerId);

    private string StoredKey(CustomerId customerId) =>
        _pseudonymizer.PseudonymizeValue(customerId.Value ?? throw new ArgumentException("A customer id is required.", nameof(customerId)));

    private async Task<bool> MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await _dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        if (_dialect.MigrationLockSql is { } lockSql)
        {
            await ExecuteAsync(connection, transaction, lockSql, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS loyalty_schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
            cancellationToken).ConfigureAwait(false);
        int current = Convert.ToInt32(
            await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM loyalty_schema_version", cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new StoreSchemaVersionException(current, SchemaVersion);
        }

        foreach (var migration in _dialect.Migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO loyalty_schema_version (version, description, applied_at) VALUES (@version, @description, @at)",
                cancellationToken, ("version", migration.Version), ("description", migration.Description), ("at", _options.TimeProvider.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture))).ConfigureAwait(false);
        }

        string given = _pseudonymizer.KeyCheck;
        await ExecuteAsync(connection, transaction,
            "INSERT INTO loyalty_meta (name, value) VALUES ('key_check', @value) ON CONFLICT (name) DO NOTHING",
            cancellationToken, ("value", given)).ConfigureAwait(false);
        string stored = (string)(await ScalarAsync(connection, transaction, "SELECT value FROM loyalty_meta WHERE name = 'key_check'", cancellationToken).ConfigureAwait(false))!;
        if (stored != given)
        {
            throw new StoreKeyMismatchException(stored, given);
        }

        // Stores that held transactions before schema version 2 were marked '1' by that migration; every other store
        // keys orders by customer (version 2).
        string keyVersion = await MetaValueAsync(connection, transaction, "transaction_key_version",
            TransactionKeyer.Version2.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        string salt = await MetaValueAsync(connection, transaction, "erasure_salt",
            Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _transactionKeyVersion = keyVersion == "1" ? TransactionKeyer.Version1 : TransactionKeyer.Version2;
        _erasureSalt = Convert.FromHexString(salt);
        return true;
    }

    /// <summary>The value of a loyalty_meta entry, setting it to <paramref name="initial"/> when absent (the first
    /// writer wins, so concurrent openers agree).</summary>
    private static async Task<string> MetaValueAsync(DbConnection connection, DbTransaction transaction, string name, string initial, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction,
            "INSERT INTO loyalty_meta (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            cancellationToken, ("name", name), ("value", initial)).ConfigureAwait(false);
        return (string)(await ScalarAsync(connection, transaction, "SELECT value FROM loyalty_meta WHERE name = @name", cancellationToken, ("name", name)).ConfigureAwait(false))!;
    }

    /// <summary>The version of the natural keys this store's transactions carry (see <see cref="TransactionKeyer"/>).</summary>
    internal int TransactionKeyVersion => _transactionKeyVersion;

    /// <summary>Runs <paramref name="operation"/> in a fresh connection, retrying transient lock conflicts with
    /// jittered backoff until the lock timeout. The deadline and the waits run on the options' time provider.</summary>
    private async Task<T> WithRetryAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var deadline = time.GetUtcNow() + _options.LockTimeout;
        int attempt = 0;
        while (true)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (_dialect.IsTransient(ex) && time.GetUtcNow() < deadline)
            {
                attempt++;
                // The jitter only spreads competing writers apart; it never changes a result. A seed shared by every
                // process would make them retry in step, so it comes from the OS generator (thread-safe, unseeded).
                int delay = Math.Min(200, 2 << Math.Min(attempt, 6)) + RandomNumberGenerator.GetInt32(5);
                await Task.Delay(TimeSpan.FromMilliseconds(delay), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A command on <paramref name="connection"/> with named parameters (null becomes DBNull).</summary>
    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    internal static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using var commandScope = command.ConfigureAwait(false);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using var commandScope = command.ConfigureAwait(false);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Streams the rows of a query on its own connection.</summary>
    private async IAsyncEnumerable<DbDataReader> QueryAsync(
        string sql, [EnumeratorCancellation] CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var command = Command(connection, null, sql, parameters);
        await using var commandScope = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader;
        }
    }
}
