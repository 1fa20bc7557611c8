using Loyalty.Core.Storage;
using Loyalty.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Loyalty.Core.Tests.Storage;

/// <summary>The store contract on the embedded SQLite store, one fresh file per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loyalty-sqlite-").FullName;
    private int _databases;

    protected override Task<string> NewDatabaseAsync() =>
        Task.FromResult(Path.Combine(_directory, $"store-{Interlocked.Increment(ref _databases)}.db"));

    protected override async Task<RelationalLoyaltyStore> OpenAsync(string database, LoyaltyStoreOptions options) =>
        await SqliteLoyaltyStore.OpenAsync(database, options);

    protected override string CliStoreLocation(string database) => "sqlite:" + database;

    protected override string FirstMigrationSql => Loyalty.Core.Storage.Sqlite.SqliteSchema.Migrations[0].Sql;

    protected override string BytesLiteral(byte[] bytes) => $"X'{Convert.ToHexString(bytes)}'";

    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListTablesAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var result = new Dictionary<string, IReadOnlyList<string>>();
        foreach (string table in tables)
        {
            var columns = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0).ToLowerInvariant());
            }

            result[table] = columns;
        }

        return result;
    }

    protected override async Task<object?> ExecuteSqlAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task OpenWithConnectionStringAsync_Malformed_ThrowsNamingTheParameter()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SqliteLoyaltyStore.OpenWithConnectionStringAsync("Data Source=x.db;Bogus Key=1", Clear));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => SqliteLoyaltyStore.OpenWithConnectionStringAsync("Mode=Memory", Clear));

        Assert.Equal("connectionString", error.ParamName);
        Assert.Equal("connectionString", empty.ParamName);
    }

    [Fact]
    public async Task OpenAsync_NoPseudonymizationChoice_ThrowsListingTheOption()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await SqliteLoyaltyStore.OpenAsync(await NewDatabaseAsync(), new LoyaltyStoreOptions { BatchSize = 0 }));

        Assert.Contains("Pseudonymizer", error.Message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a failed test is left for the OS to clean up.
        }
    }
}
