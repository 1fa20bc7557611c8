namespace Loyalty.Core;

/// <summary>What an ingestion did: nothing is dropped without being counted.</summary>
/// <param name="Read">Transactions read from the source.</param>
/// <param name="Inserted">New rows stored.</param>
/// <param name="Duplicates">Rows already present (same key), not stored again.</param>
/// <param name="Rejected">Rows refused as invalid.</param>
/// <remarks><see cref="Read"/> = <see cref="Inserted"/> + <see cref="Duplicates"/> + <see cref="Erased"/> for a
/// store's ingest. Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct IngestResult(long Read, long Inserted, long Duplicates, long Rejected)
{
    /// <summary>Rows skipped because their customer was erased (the store holds a tombstone for them) and the row
    /// is dated up to the erasure: re-ingesting an old log never brings an erased customer back.</summary>
    /// <value>The default value is 0.</value>
    public long Erased { get; init; }
}

/// <summary>Durable storage of transactions, with the RFM aggregation pushed into the store.</summary>
/// <remarks>Thread safety: implementations state their guarantees; the SQLite and PostgreSQL stores are safe for concurrent use.</remarks>
public interface ITransactionStore
{
    /// <summary>Appends transactions idempotently: a transaction whose key is already stored is counted as a
    /// duplicate and not stored again. Batches commit atomically.</summary>
    Task<IngestResult> AppendAsync(IAsyncEnumerable<Transaction> transactions, CancellationToken cancellationToken = default);

    /// <summary>Streams stored transactions, ordered by customer then time.</summary>
    IAsyncEnumerable<Transaction> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Computes customer summaries inside the store, equal to the in-memory computation.</summary>
    IAsyncEnumerable<CustomerSummary> SummarizeAsync(SummaryWindow window, CancellationToken cancellationToken = default);
}
