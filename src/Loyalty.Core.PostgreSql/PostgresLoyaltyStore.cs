using Npgsql;

namespace Loyalty.Core.Storage.PostgreSql;

/// <summary>
/// The production store: a PostgreSQL database (version 11 or later) shared by any number of processes. Ingest
/// batches arrive by binary COPY and commit atomically; duplicates are skipped by key, so an ingest killed at any
/// point and run again leaves exactly one copy of every row. Ledger commands lock only their customer's account.
/// </summary>
/// <remarks>Thread-safe: every call takes its own pooled connection. Dispose the store to close its pool.</remarks>
/// <example><code>
/// await using var store = await PostgresLoyaltyStore.OpenAsync("Host=db;Database=loyalty;Username=app",
///     new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.WithKey(key) });
/// var ingest = await store.AppendAsync(transactions);
/// await foreach (var summary in store.SummarizeAsync(window)) { ... }
/// </code></example>
public sealed class PostgresLoyaltyStore : RelationalLoyaltyStore
{
    private readonly PostgresDialect _dialect;

    private PostgresLoyaltyStore(RelationalStoreEngine engine, PostgresDialect dialect)
        : base(engine) => _dialect = dialect;

    /// <summary>The database the store lives in.</summary>
    public string? Database => new NpgsqlConnectionStringBuilder(_dialect.DataSource.ConnectionString).Database;

    /// <summary>Opens the store in the database named by an Npgsql connection string, creating or migrating its
    /// tables (all named <c>loyalty_*</c>) in the connection's default schema.</summary>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=db;Database=loyalty;Username=app</c>.</param>
    /// <param name="options">Store settings; validated.</param>
    /// <param name="cancellationToken">Cancels connecting and migrating.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or names no host, or the options are invalid.</exception>
    /// <exception cref="StoreSchemaVersionException">The database was migrated by a newer library version.</exception>
    /// <exception cref="StoreKeyMismatchException">The store was created with another pseudonymisation key.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refused the login.</exception>
    public static async Task<PostgresLoyaltyStore> OpenAsync(string connectionString, LoyaltyStoreOptions options, CancellationToken cancellationToken = default)
    {
        var builder = Parse(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "Loyalty.Core";
        }

        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            var dialect = new PostgresDialect(dataSource, options.LockTimeout);
            var engine = await RelationalStoreEngine.OpenAsync(dialect, options, cancellationToken).ConfigureAwait(false);
            return new PostgresLoyaltyStore(engine, dialect);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is malformed: {ex.Message}", nameof(connectionString), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The PostgreSQL connection string names no Host.", nameof(connectionString));
        }

        return builder;
    }

    /// <summary>Closes the store's connection pool.</summary>
    protected override async ValueTask DisposeCoreAsync()
    {
        await _dialect.DataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeCoreAsync().ConfigureAwait(false);
    }
}
