namespace Loyalty.Core.Storage.Sqlite;

/// <summary>The SQLite schema, one migration per version. Never edit a released migration; add the next one.</summary>
internal static class SqliteSchema
{
    internal static readonly IReadOnlyList<StoreMigration> Migrations =
    [
        new(1, "initial schema", """
            CREATE TABLE loyalty_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE loyalty_customers (
                customer_key TEXT PRIMARY KEY,
                profiling_opt_out INTEGER NOT NULL,
                marketing_consent INTEGER NOT NULL,
                attributes TEXT NOT NULL);
            -- Rows append in arrival order; the only index is the natural key, which starts with the day, so a
            -- log arriving in time order appends to the index too. Clustering by customer instead made every
            -- batch rewrite pages all over the file (about 10x slower ingest); the RFM query sorts once instead.
            CREATE TABLE loyalty_transactions (
                customer_key TEXT NOT NULL,
                day INTEGER NOT NULL,
                ts INTEGER NOT NULL,
                amount_e4 INTEGER NOT NULL,
                order_id TEXT,
                tx_key BLOB NOT NULL);
            CREATE UNIQUE INDEX loyalty_transactions_key ON loyalty_transactions (tx_key);
            CREATE TABLE loyalty_transaction_items (
                tx_key BLOB NOT NULL,
                position INTEGER NOT NULL,
                customer_key TEXT NOT NULL,
                item_id TEXT NOT NULL,
                PRIMARY KEY (tx_key, position)) WITHOUT ROWID;
            CREATE INDEX loyalty_transaction_items_customer ON loyalty_transaction_items (customer_key);
            CREATE TABLE loyalty_feedback (
                event_id TEXT PRIMARY KEY,
                customer_key TEXT NOT NULL,
                kind INTEGER NOT NULL,
                ts INTEGER NOT NULL,
                offer_id TEXT,
                value_e4 INTEGER);
            CREATE INDEX loyalty_feedback_customer ON loyalty_feedback (customer_key);
            CREATE TABLE loyalty_ledger (
                event_id TEXT PRIMARY KEY,
                customer_key TEXT NOT NULL,
                seq INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                points INTEGER NOT NULL,
                ts INTEGER NOT NULL,
                fingerprint TEXT NOT NULL);
            CREATE UNIQUE INDEX loyalty_ledger_account ON loyalty_ledger (customer_key, seq);
            CREATE TABLE loyalty_segment_assignments (
                run_id TEXT NOT NULL,
                customer_key TEXT NOT NULL,
                segment_id INTEGER NOT NULL,
                distance REAL,
                PRIMARY KEY (run_id, customer_key)) WITHOUT ROWID;
            CREATE INDEX loyalty_segment_assignments_customer ON loyalty_segment_assignments (customer_key);
            """),
        new(2, "erasure tombstones; transaction key version", """
            -- One row per erased customer: a keyed HMAC of the stored id (never the raw id or the pseudonym) and the
            -- erasure time in ticks. Re-ingesting an old log skips that customer's rows dated up to that time.
            CREATE TABLE loyalty_erased (
                erased_key TEXT PRIMARY KEY,
                erased_at INTEGER NOT NULL);
            -- A store that already holds transactions keeps the order keys it was built with (order id and day), so
            -- re-ingesting its logs stays idempotent; new and empty stores key orders by customer too.
            INSERT INTO loyalty_meta (name, value)
                SELECT 'transaction_key_version', '1' WHERE EXISTS (SELECT 1 FROM loyalty_transactions);
            """),
        new(3, "ledger options versions", """
            -- Each posting records the version of the ledger options it was accepted under (a hash of the options,
            -- kept in loyalty_meta as 'ledger_options:<version>'), so replay after an options change gives the same
            -- balances. Rows of earlier schemas stay NULL until their account's next command pins them.
            ALTER TABLE loyalty_ledger ADD COLUMN options_version TEXT;
            """),
    ];
}
