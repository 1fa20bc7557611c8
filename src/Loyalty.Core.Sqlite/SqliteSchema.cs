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
    ];

    /// <summary>RFM pushdown: purchase days per customer (one scan and one sort), numbered by a window to pick the
    /// first day's amount, then one row per customer.</summary>
    internal const string SummarySql = """
        SELECT customer_key,
               MIN(day),
               SUM(CASE WHEN n = 1 THEN amount ELSE 0 END),
               MAX(CASE WHEN day <= @cal_day THEN day END),
               SUM(CASE WHEN day <= @cal_day THEN 1 ELSE 0 END),
               SUM(CASE WHEN day <= @cal_day THEN amount ELSE 0 END),
               SUM(CASE WHEN day > @cal_day THEN 1 ELSE 0 END),
               SUM(CASE WHEN day > @cal_day THEN amount ELSE 0 END)
        FROM (SELECT customer_key, day, SUM(amount_e4) AS amount,
                     ROW_NUMBER() OVER (PARTITION BY customer_key ORDER BY day) AS n
              FROM loyalty_transactions
              WHERE amount_e4 >= 0 AND day <= @last_day
              GROUP BY customer_key, day)
        GROUP BY customer_key
        HAVING SUM(CASE WHEN day <= @cal_day THEN 1 ELSE 0 END) > 0
        ORDER BY customer_key
        """;
}
