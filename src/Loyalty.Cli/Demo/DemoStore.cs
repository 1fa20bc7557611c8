using System.Globalization;
using System.Runtime.CompilerServices;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Loyalty.Cli.Demo;

/// <summary>The demo's embedded SQLite store, recreated on every run so each run starts from the same state. The demo
/// marks its files (SQLite's application id) and never deletes a file without that mark: a user's own database at the
/// path is refused, not replaced.</summary>
internal static class DemoStore
{
    /// <summary>"LYDM" in SQLite's header: this file was made by <c>loyalty demo</c>.</summary>
    internal const int ApplicationId = 0x4C59444D;

    /// <summary>Opens a new, empty store at <paramref name="path"/>. An existing file is deleted (with its WAL files)
    /// only when it is a demo store and <paramref name="overwrite"/> is set; otherwise the run stops with a message.</summary>
    /// <exception cref="UserInputException">The file exists and is not a demo store, or is one and overwriting was not
    /// allowed.</exception>
    internal static async Task<SqliteLoyaltyStore> OpenFreshAsync(string path, bool overwrite, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            if (!IsDemoStore(full))
            {
                throw new UserInputException(
                    $"--store: {full} exists and is not a store made by loyalty demo; the demo never deletes other files. Choose another path, or remove the file yourself.");
            }

            if (!overwrite)
            {
                throw new UserInputException($"--store: {full} holds an earlier demo run; pass --overwrite to recreate it.");
            }
        }

        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(full + suffix);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Simulated ids are not personal data, so they are stored in clear (no pseudonymisation key to manage).
        var store = await SqliteLoyaltyStore.OpenAsync(full, new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.None }, cancellationToken).ConfigureAwait(false);
        await MarkAsync(full, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Whether the file at <paramref name="path"/> is a SQLite database carrying the demo's mark.</summary>
    internal static bool IsDemoStore(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA application_id";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == ApplicationId;
        }
        catch (SqliteException)
        {
            return false; // not a SQLite database (or unreadable): not ours to delete
        }
    }

    private static async Task MarkAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId}");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>The simulator's transactions, in day order, as the pipeline's source, counting what has been read (with a
/// store, what the ingest has taken) for the progress bar. Each read regenerates the log from the seed.</summary>
internal sealed class SimulatedSource(DemoCustomerBase customers, IProgress<long>? progress) : ITransactionSource
{
    private const int ReportEvery = 1 << 16;

    public string Name => $"simulated shop ({customers.Customers:N0} customers, seed {customers.Seed})";

    /// <summary>Transactions read by the last completed read.</summary>
    internal long Read { get; private set; }

    public async IAsyncEnumerable<Transaction> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long count = 0;
        foreach (var transaction in customers.InTimeOrder(cancellationToken))
        {
            if ((++count & (ReportEvery - 1)) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(count);
            }

            yield return transaction;
        }

        Read = count;
        progress?.Report(count);
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
