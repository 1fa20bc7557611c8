using Npgsql;

namespace Loyalty.Core.Tests.Storage;

/// <summary>
/// Finds the PostgreSQL server the store tests run against, the way CI provides it: the connection string in
/// <c>LOYALTY_POSTGRES_CONNECTION</c> (exported by <c>.ci/run</c>), else the one in
/// <c>TestResults/postgres.connection</c> (written by <c>.ci/setup.d/10-postgres.sh</c>). It never starts or installs
/// a server: without one, the PostgreSQL tests are skipped through <see cref="ExternalResource"/>, saying why.
/// </summary>
internal static class PostgresTestServer
{
    internal const string EnvironmentVariable = "LOYALTY_POSTGRES_CONNECTION";

    private static readonly Lazy<Task<Found>> Admin = new(FindAsync);

    private static string SetupScript => Path.Combine(TestData.RepoRoot, ".ci", "setup.d", "10-postgres.sh");

    private static string ConnectionFile => Path.Combine(TestData.RepoRoot, "TestResults", "postgres.connection");

    /// <summary>A connection string to the server's maintenance database (creating databases); skips the running
    /// test when there is no server.</summary>
    internal static async Task<string> AdminConnectionStringAsync()
    {
        var found = await Admin.Value;
        if (found.ConnectionString is null)
        {
            ExternalResource.Unavailable(found.Reason);
        }

        return found.ConnectionString;
    }

    /// <summary>True when a server answers (a class fixture asks before creating its database).</summary>
    internal static async Task<bool> IsAvailableAsync() => (await Admin.Value).ConnectionString is not null;

    /// <summary>Creates a new, empty database and returns its connection string (no pooling: tests open few).</summary>
    internal static async Task<string> CreateDatabaseAsync(string prefix)
    {
        string admin = await AdminConnectionStringAsync();
        string name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what still uses it.</summary>
    internal static async Task DropDatabaseAsync(string connectionString)
    {
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Found> FindAsync()
    {
        var tried = new List<string>();
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
            && await ReachableAsync(fromEnvironment, tried))
        {
            return new Found(Maintenance(fromEnvironment), "");
        }

        if (File.Exists(ConnectionFile) && await ReachableAsync(File.ReadAllText(ConnectionFile).Trim(), tried))
        {
            return new Found(Maintenance(File.ReadAllText(ConnectionFile).Trim()), "");
        }

        if (tried.Count == 0)
        {
            tried.Add($"{EnvironmentVariable} is not set and {ConnectionFile} does not exist");
        }

        return new Found(null,
            $"No PostgreSQL server for the store tests ({string.Join("; ", tried)}). Set {EnvironmentVariable} to an " +
            $"Npgsql connection string of a server where the user may create databases, or run {SetupScript} as root " +
            "(it installs and starts one and writes the connection file).");
    }

    private static string Maintenance(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private static async Task<bool> ReachableAsync(string connectionString, List<string> tried)
    {
        try
        {
            await using var connection = new NpgsqlConnection(Maintenance(connectionString));
            await connection.OpenAsync();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or TimeoutException)
        {
            tried.Add($"{connectionString}: {ex.Message}");
            return false;
        }
    }

    /// <summary>The maintenance connection string, or null and why not.</summary>
    private sealed record Found(string? ConnectionString, string Reason);
}
