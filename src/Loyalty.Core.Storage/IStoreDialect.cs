using System.Data.Common;

namespace Loyalty.Core.Storage;

/// <summary>
/// A dialect author's contract: what differs between databases. Everything else — natural keys, pseudonyms,
/// batching, retries, the ledger rules, erasure — lives once in <see cref="RelationalStoreEngine"/>, so every store
/// built on it behaves the same and passes the same contract tests. Open an engine with
/// <see cref="RelationalStoreEngine.OpenAsync"/> and wrap it in a subclass of <see cref="RelationalLoyaltyStore"/>.
/// </summary>
/// <remarks>
/// <para>The schema is the dialect's (<see cref="Migrations"/>), but the engine issues its own SQL against it, so the
/// tables and columns below are part of the contract. All tables are prefixed <c>loyalty_</c>:</para>
/// <list type="bullet">
/// <item><c>loyalty_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)</c>;</item>
/// <item><c>loyalty_customers</c>, <c>loyalty_transactions</c> (tx_key, customer_key, day, ts, amount_e4, order_id),
/// <c>loyalty_transaction_items</c> (tx_key, position, customer_key, item_id), <c>loyalty_feedback</c>,
/// <c>loyalty_ledger</c> (event_id, customer_key, seq, kind, points, ts, fingerprint, options_version — the latter from schema version 3) and
/// <c>loyalty_segment_assignments</c>, each with a <c>customer_key</c> column (erasure deletes from each of them);</item>
/// <item><c>loyalty_erased (erased_key TEXT PRIMARY KEY, erased_at 64-bit integer)</c>, the erasure tombstones
/// (schema version 2). The version-2 migration also records <c>transaction_key_version = '1'</c> in
/// <c>loyalty_meta</c> when the store already holds transactions (see <c>TransactionKeyer</c>).</item>
/// </list>
/// <para>The engine creates <c>loyalty_schema_version</c> itself. Text that is sorted must compare by code unit
/// (ordinal), integers are 64-bit, money is fixed point in ten-thousandths (<see cref="StoreMoney.Scale"/>), times
/// are <see cref="DateTime.Ticks"/>. Parameters in the engine's SQL are named <c>@name</c>, and
/// <c>INSERT … ON CONFLICT … DO NOTHING</c> must be understood. The SQLite and PostgreSQL packages are the reference
/// dialects.</para>
/// <para>Thread safety: the engine calls a dialect from many threads at once (one connection per call), so every
/// member must be thread-safe; immutable dialects are.</para>
/// </remarks>
public interface IStoreDialect
{
    /// <summary>Short name of the database, used in messages ("SQLite", "PostgreSQL").</summary>
    string Name { get; }

    /// <summary>Schema changes by strictly ascending version, starting at 1; the last is the version this dialect
    /// writes (<see cref="RelationalStoreEngine.SchemaVersion"/>). Never change a shipped migration: add one.</summary>
    /// <remarks>The engine applies the missing ones in one write transaction on open and records each in
    /// <c>loyalty_schema_version</c>; a store with a newer version than the last is refused with
    /// <see cref="StoreSchemaVersionException"/>.</remarks>
    IReadOnlyList<StoreMigration> Migrations { get; }

    /// <summary>A statement run first in the migration transaction so that two processes never migrate at once,
    /// or null when <see cref="BeginWriteAsync"/> already serialises writers (SQLite).</summary>
    string? MigrationLockSql { get; }

    /// <summary>A statement that locks one customer's ledger account until the transaction ends, with the parameter
    /// <c>@customer</c> (the stored customer id), or null when write transactions are serialised anyway.</summary>
    /// <remarks>Without it (or serialised writers) two concurrent redemptions could both spend the same points.</remarks>
    string? LockCustomerSql { get; }

    /// <summary>
    /// The RFM aggregation, or null when the dialect implements <see cref="IStoreSummarizer"/> instead.
    /// </summary>
    /// <remarks>Parameters <c>@cal_day</c> and <c>@last_day</c> are day numbers (<see cref="DateOnly.DayNumber"/>,
    /// days since 0001-01-01). The query returns one row per customer with at least one purchase day on or before
    /// <c>@cal_day</c>, ordered by customer_key (ordinal), with the columns, in order: customer_key, first_day,
    /// first_amount_e4, last_cal_day, cal_days, cal_amount_e4, holdout_days, holdout_amount_e4 (all but the first
    /// 64-bit integers). A purchase day is a calendar day of the customer with the amounts ≥ 0 of that day summed;
    /// days after <c>@cal_day</c> and up to <c>@last_day</c> are the holdout.</remarks>
    string? SummarySql { get; }

    /// <summary>Opens a new connection, ready for commands. The engine disposes it.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection the caller owns.</returns>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Starts a write transaction on <paramref name="connection"/> that holds its write locks from the
    /// start (so a read-then-write inside it cannot be overtaken). The engine commits or disposes it.</summary>
    /// <param name="connection">A connection from <see cref="OpenAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The transaction.</returns>
    Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Inserts a batch of transactions and their items inside <paramref name="transaction"/>, skipping rows
    /// whose <see cref="StoredTransaction.Key"/> is already stored (or repeated within the batch), and never
    /// committing: the engine commits the whole batch at once.</summary>
    /// <param name="connection">The connection of <paramref name="transaction"/>.</param>
    /// <param name="transaction">The write transaction from <see cref="BeginWriteAsync"/>.</param>
    /// <param name="batch">The rows, keyed and pseudonymised by the engine; items go to loyalty_transaction_items
    /// with their position, only for transactions that were new.</param>
    /// <param name="cancellationToken">Cancels the insert; the engine then rolls the batch back.</param>
    /// <returns>How many transactions of the batch were new.</returns>
    Task<long> InsertTransactionsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredTransaction> batch, CancellationToken cancellationToken);

    /// <summary>True for errors worth retrying the whole operation in a fresh connection: lock timeouts, busy
    /// databases, deadlocks, serialisation failures. The engine retries them with jittered backoff until
    /// <see cref="LoyaltyStoreOptions.LockTimeout"/>; every other error is thrown to the caller.</summary>
    /// <param name="exception">An exception thrown by the database provider.</param>
    /// <returns>True when retrying may succeed.</returns>
    bool IsTransient(Exception exception);
}
