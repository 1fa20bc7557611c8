using System.Runtime.CompilerServices;
using Loyalty.Core;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.Sqlite;

namespace Loyalty.Cli.Demo;

/// <summary>What seeding a store gave: how many transactions went in (null when nothing was stored), and the source
/// the pipeline reads them back from.</summary>
internal sealed record DemoSeed(long? Stored, ITransactionSource Source);

/// <summary>
/// THE SEAM between the demo and its store: one method stores the simulated transactions and hands back the source
/// that the pipeline summarises (RFM) from. The pipeline's collect step takes an <see cref="ITransactionSource"/>,
/// so the store is read back as one; a pipeline entry for store-computed summaries would let the SQL pushdown
/// (<see cref="ITransactionStore.SummarizeAsync"/>) replace the in-memory summary.
/// </summary>
internal interface IDemoStore : IAsyncDisposable
{
    /// <summary>"sqlite:PATH" or "memory", for output.</summary>
    string Name { get; }

    /// <summary>Stores <paramref name="transactions"/> and returns where the pipeline reads them.</summary>
    /// <param name="transactions">The simulated transactions (read once).</param>
    /// <param name="progress">Told the running count of transactions stored.</param>
    /// <param name="cancellationToken">Stops the ingest between batches.</param>
    Task<DemoSeed> SeedAsync(IEnumerable<Transaction> transactions, IProgress<long>? progress, CancellationToken cancellationToken);
}

/// <summary>The embedded SQLite store, recreated on every run so the demo always starts from the same state.</summary>
internal sealed class SqliteDemoStore : IDemoStore
{
    private readonly string _path;
    private SqliteLoyaltyStore? _store;

    internal SqliteDemoStore(string path) => _path = Path.GetFullPath(path);

    public string Name => "sqlite:" + _path;

    public async Task<DemoSeed> SeedAsync(IEnumerable<Transaction> transactions, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        // Simulated ids are not personal data, so they are stored in clear (no pseudonymisation key to manage).
        _store = await SqliteLoyaltyStore.OpenAsync(_path, new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.None }, cancellationToken).ConfigureAwait(false);
        var ingest = await _store.AppendAsync(AsAsync(transactions, cancellationToken), progress is null ? null : new Forward(progress), cancellationToken).ConfigureAwait(false);
        return new DemoSeed(ingest.Inserted, new StoreSource(Name, _store));
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<Transaction> AsAsync(IEnumerable<Transaction> transactions, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var t in transactions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return t;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private sealed class Forward(IProgress<long> inner) : IProgress<IngestResult>
    {
        public void Report(IngestResult value) => inner.Report(value.Read);
    }

    private sealed class StoreSource(string name, ITransactionStore store) : ITransactionSource
    {
        public string Name => name;

        public IAsyncEnumerable<Transaction> ReadAsync(CancellationToken cancellationToken = default) => store.ReadAsync(cancellationToken);
    }
}

/// <summary>No store: the pipeline reads the simulator's stream directly (for quick runs and for timing the engines
/// apart from the database).</summary>
internal sealed class MemoryDemoStore : IDemoStore
{
    private Func<IEnumerable<Transaction>>? _replay;

    /// <summary>The simulator regenerates the stream from its seed, so nothing is kept in memory.</summary>
    internal MemoryDemoStore(Func<IEnumerable<Transaction>> replay) => _replay = replay;

    public string Name => "memory";

    /// <summary>Stores nothing: the pipeline will read the regenerated stream (generating it here too would only
    /// double the work).</summary>
    public Task<DemoSeed> SeedAsync(IEnumerable<Transaction> transactions, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return Task.FromResult(new DemoSeed(null, new ReplaySource(_replay!)));
    }

    public ValueTask DisposeAsync()
    {
        _replay = null;
        return ValueTask.CompletedTask;
    }

    private sealed class ReplaySource(Func<IEnumerable<Transaction>> replay) : ITransactionSource
    {
        public string Name => "memory";

        public async IAsyncEnumerable<Transaction> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var t in replay())
            {
                yield return t;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}
