using Loyalty.Core.Storage;
using Loyalty.Core.Storage.PostgreSql;
using Npgsql;

namespace Loyalty.Core.Tests.Storage;

/// <summary>The store contract on the PostgreSQL store: one database for the class, one fresh schema per store.</summary>
public sealed class PostgresStoreContractTests(PostgresDatabaseFixture database) : StoreContractTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<string> NewDatabaseAsync() => database.NewSchemaAsync();

    protected override async Task<RelationalLoyaltyStore> OpenAsync(string database, LoyaltyStoreOptions options) =>
        await PostgresLoyaltyStore.OpenAsync(database, options);

    protected override string CliStoreLocation(string database) => "postgres:" + database;

    protected override string FirstMigrationSql => Loyalty.Core.Storage.PostgreSql.PostgresSchema.Migrations[0].Sql;

    protected override string BytesLiteral(byte[] bytes) => $"'\\x{Convert.ToHexString(bytes)}'::bytea";

    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListTablesAsync(string database)
    {
        string schema = new NpgsqlConnectionStringBuilder(database).SearchPath!;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = @schema ORDER BY table_name, ordinal_position", connection);
        command.Parameters.AddWithValue("schema", schema);
        var result = new Dictionary<string, List<string>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string table = reader.GetString(0);
            if (!result.TryGetValue(table, out var columns))
            {
                result[table] = columns = [];
            }

            columns.Add(reader.GetString(1).ToLowerInvariant());
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value);
    }

    protected override Task<object?> ExecuteSqlAsync(string database, string sql) => PostgresDatabaseFixture.ScalarAsync(database, sql);
}
