using Npgsql;
using Xunit.Abstractions;

namespace Loyalty.Core.Tests.Storage;

/// <summary>One database per test class on the CI server (see <see cref="PostgresTestServer"/>), dropped after the
/// class; each store a test opens gets a fresh schema in it, so tests never see each other's rows. Without a server
/// the fixture holds no database and <see cref="NewSchemaAsync"/> skips the test that asks for one.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private int _schemas;

    /// <summary>Called by xunit; its diagnostic sink prints why the class's tests are skipped, if they are.</summary>
    public PostgresDatabaseFixture(IMessageSink diagnostics) => ExternalResource.Diagnostics = diagnostics;

    /// <summary>Connection string of the class's database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (await PostgresTestServer.IsAvailableAsync())
        {
            ConnectionString = await PostgresTestServer.CreateDatabaseAsync("loyalty_test");
        }
    }

    public Task DisposeAsync() =>
        ConnectionString.Length == 0 ? Task.CompletedTask : PostgresTestServer.DropDatabaseAsync(ConnectionString);

    /// <summary>Creates an empty schema and returns a connection string whose search path is that schema only.</summary>
    public async Task<string> NewSchemaAsync()
    {
        if (ConnectionString.Length == 0)
        {
            await PostgresTestServer.AdminConnectionStringAsync(); // skips (or fails, when required): no server
        }

        string schema = $"store_{Interlocked.Increment(ref _schemas)}";
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema, Pooling = true }.ConnectionString;
    }

    /// <summary>Runs one statement on <paramref name="connectionString"/>; returns the first column of the first row.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
