using System.Data.Common;

namespace Loyalty.Core.Storage;

/// <summary>One schema change, applied once, in order, inside a transaction.</summary>
internal sealed record StoreMigration(int Version, string Description, string Sql);

/// <summary>
/// What differs between databases. Everything else — keys, pseudonyms, batching, the ledger rules, erasure — lives
/// once in <see cref="RelationalStoreEngine"/>, so both stores behave the same and pass the same contract tests.
/// </summary>
/// <remarks>Tables (all prefixed <c>loyalty_</c>): meta, schema_version, customers, transactions, transaction_items,
/// feedback, ledger, segment_assignments. Every table but meta and schema_version has a <c>customer_key</c>
/// column; erasure deletes from each of them. Text that is sorted must compare by code unit (ordinal).</remarks>
internal interface IStoreDialect
{
    /// <summary>Short name used in messages ("SQLite", "PostgreSQL").</summary>
    string Name { get; }

    /// <summary>Schema changes, by ascending version; the last is the version this library writes.</summary>
    IReadOnlyList<StoreMigration> Migrations { get; }

    /// <summary>Statement run first in the migration transaction so two processes never migrate at once (or null
    /// when the transaction itself serialises writers).</summary>
    string? MigrationLockSql { get; }

    /// <summary>Statement locking one customer's ledger account for the rest of the transaction, parameter
    /// <c>@customer</c> (or null when write transactions are serialised anyway).</summary>
    string? LockCustomerSql { get; }

    /// <summary>
    /// The RFM aggregation: one row per customer with a purchase day on or before <c>@cal_day</c>, ordered by
    /// customer_key, with columns customer_key, first_day, first_amount_e4, last_cal_day, cal_days, cal_amount_e4,
    /// holdout_days, holdout_amount_e4; purchase days are calendar days with amount_e4 ≥ 0 summed, up to
    /// <c>@last_day</c>. Null when the dialect is an <see cref="IStoreSummarizer"/>.
    /// </summary>
    string? SummarySql { get; }

    /// <summary>Opens a connection ready for commands.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Starts a write transaction that holds its locks from the start.</summary>
    Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Inserts a batch of transactions (and their items) inside <paramref name="transaction"/>, skipping
    /// keys already stored; returns how many transactions were new.</summary>
    Task<long> InsertTransactionsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredTransaction> batch, CancellationToken cancellationToken);

    /// <summary>True for errors worth retrying: lock timeouts, deadlocks, serialisation failures.</summary>
    bool IsTransient(Exception exception);
}

/// <summary>A dialect that computes summaries its own way instead of through <see cref="IStoreDialect.SummarySql"/>
/// (SQLite: its GROUP BY always sorts, which cannot meet the 10 M-row target; see the implementation).</summary>
internal interface IStoreSummarizer
{
    /// <summary>Summaries of every customer with a purchase day in calibration, ordered by customer_key.</summary>
    IAsyncEnumerable<CustomerSummary> SummarizeAsync(SummaryWindow window, CancellationToken cancellationToken);
}
