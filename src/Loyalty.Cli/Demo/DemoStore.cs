using System.Runtime.CompilerServices;
using Loyalty.Core;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.Sqlite;

namespace Loyalty.Cli.Demo;

/// <summary>The demo's embedded SQLite store, recreated on every run so each run starts from the same state.</summary>
internal static class DemoStore
{
    /// <summary>Deletes the file (and its WAL files) and opens a new, empty store there.</summary>
    internal static async Task<SqliteLoyaltyStore> OpenFreshAsync(string path, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path);
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(full + suffix);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Simulated ids are not personal data, so they are stored in clear (no pseudonymisation key to manage).
        return await SqliteLoyaltyStore.OpenAsync(full, new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.None }, cancellationToken).ConfigureAwait(false);
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
