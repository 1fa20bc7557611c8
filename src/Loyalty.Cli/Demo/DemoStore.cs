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

/// <summary>The simulator's transactions as the pipeline's source, counting what has been read (with a store,
/// what the ingest has taken) for the progress bar. Each read regenerates the stream from the seed; the next blocks
/// are drawn on other threads while the pipeline consumes the current one, so generating costs little wall time.</summary>
internal sealed class SimulatedSource(DemoCustomerBase customers, IProgress<long>? progress) : ITransactionSource
{
    private const int Ahead = 2;

    public string Name => $"simulated shop ({customers.Customers:N0} customers, seed {customers.Seed})";

    /// <summary>Transactions read by the last completed read.</summary>
    internal long Read { get; private set; }

    public async IAsyncEnumerable<Transaction> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long count = 0;
        var pending = new Queue<Task<Transaction[]>>();
        int next = 0;
        void Schedule()
        {
            while (next < customers.Blocks && pending.Count < Ahead)
            {
                int block = next++;
                pending.Enqueue(Task.Run(() => customers.Block(block), cancellationToken));
            }
        }

        Schedule();
        while (pending.Count > 0)
        {
            var transactions = await pending.Dequeue().ConfigureAwait(false);
            Schedule();
            foreach (var transaction in transactions)
            {
                yield return transaction;
            }

            count += transactions.Length;
            progress?.Report(count);
        }

        Read = count;
    }
}
