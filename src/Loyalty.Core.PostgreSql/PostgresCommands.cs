using System.Data.Common;

namespace Loyalty.Core.Storage.PostgreSql;

/// <summary>Runs one parameterless statement inside the dialect's transaction (staging tables, merges, session
/// settings); the engine's own command helpers are not part of its public contract.</summary>
internal static class PostgresCommands
{
    internal static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
