using Microsoft.Data.Sqlite;

namespace Loyalty.Core.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Every committed ingest batch survives a killed process; writers
/// take turns (immediate transactions with a busy timeout), readers never block them.
/// </summary>
/// <example><code>
/// await using var store = await SqliteLoyaltyStore.OpenAsync("loyalty.db",
///     new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.WithKey(key) });
/// var ingest = await store.AppendAsync(transactions);
/// await foreach (var summary in store.SummarizeAsync(window)) { ... }
/// </code></example>
/// <remarks>Thread safety: safe for concurrent use; every call uses its own connection and transaction.</remarks>
public sealed class SqliteLoyaltyStore : RelationalLoyaltyStore
{
    private readonly SqliteDialect _dialect;

    private SqliteLoyaltyStore(RelationalStoreEngine engine, SqliteDialect dialect)
        : base(engine) => _dialect = dialect;

    /// <summary>The database file.</summary>
    public string DataSource => new SqliteConnectionStringBuilder(_dialect.ConnectionString).DataSource;

    /// <summary>Opens (creating when missing) the store in the file <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The path is empty, or the options are invalid.</exception>
    /// <exception cref="StoreSchemaVersionException">The file was written by a newer library version.</exception>
    /// <exception cref="StoreKeyMismatchException">The file was created with another pseudonymisation key.</exception>
    public static Task<SqliteLoyaltyStore> OpenAsync(string path, LoyaltyStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true };
        return OpenCoreAsync(builder, options, cancellationToken);
    }

    /// <summary>Opens the store described by a Microsoft.Data.Sqlite connection string (e.g. <c>Data Source=loyalty.db</c>).</summary>
    /// <exception cref="ArgumentException">The connection string is malformed or names no data source.</exception>
    public static Task<SqliteLoyaltyStore> OpenWithConnectionStringAsync(string connectionString, LoyaltyStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"The SQLite connection string is malformed: {ex.Message}", nameof(connectionString), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string names no Data Source.", nameof(connectionString));
        }

        return OpenCoreAsync(builder, options, cancellationToken);
    }

    private static async Task<SqliteLoyaltyStore> OpenCoreAsync(SqliteConnectionStringBuilder builder, LoyaltyStoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        SQLitePCL.Batteries_V2.Init();
        options.Validate();
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.LockTimeout.TotalSeconds));
        var dialect = new SqliteDialect(builder.ToString(), options.LockTimeout);
        var engine = await RelationalStoreEngine.OpenAsync(dialect, options, cancellationToken).ConfigureAwait(false);
        return new SqliteLoyaltyStore(engine, dialect);
    }

    /// <summary>Closes the pooled connections so the file can be moved or deleted.</summary>
    protected override ValueTask DisposeCoreAsync()
    {
        using var connection = new SqliteConnection(_dialect.ConnectionString);
        SqliteConnection.ClearPool(connection);
        return base.DisposeCoreAsync();
    }
}
