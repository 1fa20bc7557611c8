using System.Diagnostics;
using Npgsql;

namespace Loyalty.Core.Tests.Storage;

/// <summary>
/// Finds the PostgreSQL server the store tests run against, the way CI provides it: the connection string in
/// <c>LOYALTY_POSTGRES_CONNECTION</c> (exported by <c>.ci/run</c>), else the one in
/// <c>TestResults/postgres.connection</c>; when neither reaches a server, starts one with the CI set-up script
/// (which installs PostgreSQL when missing). Never skips: without a server every PostgreSQL test fails, saying why.
/// </summary>
internal static class PostgresTestServer
{
    internal const string EnvironmentVariable = "LOYALTY_POSTGRES_CONNECTION";

    private static readonly Lazy<Task<string>> Admin = new(FindOrStartAsync);

    private static string SetupScript => Path.Combine(TestData.RepoRoot, ".ci", "setup.d", "10-postgres.sh");

    private static string ConnectionFile => Path.Combine(TestData.RepoRoot, "TestResults", "postgres.connection");

    /// <summary>A connection string to the server's maintenance database (creating databases).</summary>
    internal static Task<string> AdminConnectionStringAsync() => Admin.Value;

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

    private static async Task<string> FindOrStartAsync()
    {
        var tried = new List<string>();
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            if (await ReachableAsync(fromEnvironment, tried))
            {
                return Maintenance(fromEnvironment);
            }
        }

        if (File.Exists(ConnectionFile) && await ReachableAsync(File.ReadAllText(ConnectionFile).Trim(), tried))
        {
            return Maintenance(File.ReadAllText(ConnectionFile).Trim());
        }

        string output = await RunSetupScriptAsync();
        if (File.Exists(ConnectionFile) && await ReachableAsync(File.ReadAllText(ConnectionFile).Trim(), tried))
        {
            return Maintenance(File.ReadAllText(ConnectionFile).Trim());
        }

        throw new InvalidOperationException(
            $"No PostgreSQL server for the store tests. Set {EnvironmentVariable} to an Npgsql connection string of a server " +
            $"where the user may create databases, or run {SetupScript} (as root; it installs and starts one). " +
            $"Tried: {string.Join("; ", tried)}. Set-up output: {output}");
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

    private static async Task<string> RunSetupScriptAsync()
    {
        if (!File.Exists(SetupScript))
        {
            return $"{SetupScript} not found";
        }

        var start = new ProcessStartInfo("bash", [SetupScript]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return $"exit {process.ExitCode}: {await stdout}{await stderr}";
    }
}
