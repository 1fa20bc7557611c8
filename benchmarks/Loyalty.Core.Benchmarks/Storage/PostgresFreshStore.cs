using Loyalty.Core.Storage;
using Loyalty.Core.Storage.PostgreSql;
using Npgsql;

namespace Loyalty.Core.Benchmarks.Storage;

/// <summary>Opens an empty PostgreSQL store for <see cref="StoreThroughput"/>: <c>--store postgres:CONNECTION</c>
/// drops the store's tables in the connection's schema first, so every run starts from the same state.</summary>
internal static class PostgresFreshStore
{
    private static readonly string[] Tables =
    [
        "loyalty_transaction_items", "loyalty_transactions", "loyalty_feedback", "loyalty_ledger",
        "loyalty_segment_assignments", "loyalty_customers", "loyalty_meta", "loyalty_schema_version",
    ];

    internal static async Task<RelationalLoyaltyStore> OpenAsync(string connectionString, LoyaltyStoreOptions options)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {string.Join(", ", Tables)}", connection);
            await drop.ExecuteNonQueryAsync();
            // A checkpoint now keeps the previous run's dirty pages from being flushed during this one.
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
            try
            {
                await checkpoint.ExecuteNonQueryAsync();
            }
            catch (PostgresException)
            {
                // Not a superuser (or pg_checkpoint member): run without it.
            }
        }

        return await PostgresLoyaltyStore.OpenAsync(connectionString, options);
    }
}
