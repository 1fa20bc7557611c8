using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Loyalty.Core.Storage;

public sealed partial class RelationalStoreEngine
{
    private const string UpsertCustomerSql =
        "INSERT INTO loyalty_customers (customer_key, profiling_opt_out, marketing_consent, attributes) " +
        "VALUES (@customer, @opt_out, @consent, @attributes) ON CONFLICT (customer_key) DO UPDATE SET " +
        "profiling_opt_out = excluded.profiling_opt_out, marketing_consent = excluded.marketing_consent, attributes = excluded.attributes";

    internal Task UpsertCustomersAsync(IEnumerable<Customer> customers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var rows = customers.Select((c, i) => c is null
            ? throw new ArgumentException($"Customer {i} is null.", nameof(customers))
            : (Key: StoredKey(c.Id), Customer: c))
            .OrderBy(r => r.Key, StringComparer.Ordinal) // one lock order for all writers (stable: the last of a repeated id wins)
            .ToList();
        return WithRetryAsync(async ct =>
        {
            var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var transaction = await _dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            foreach (var (key, customer) in rows)
            {
                await ExecuteAsync(connection, transaction, UpsertCustomerSql, ct,
                    ("customer", key), ("opt_out", customer.ProfilingOptOut ? 1L : 0L), ("consent", customer.MarketingConsent ? 1L : 0L),
                    ("attributes", JsonSerializer.Serialize(customer.Attributes))).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return rows.Count;
        }, cancellationToken);
    }

    internal async Task<Customer?> GetCustomerAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        string key = StoredKey(customerId);
        await foreach (var row in QueryAsync(
            "SELECT customer_key, profiling_opt_out, marketing_consent, attributes FROM loyalty_customers WHERE customer_key = @customer",
            cancellationToken, ("customer", key)).ConfigureAwait(false))
        {
            return ReadCustomer(row);
        }

        return null;
    }

    internal async IAsyncEnumerable<Customer> ReadCustomersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in QueryAsync(
            "SELECT customer_key, profiling_opt_out, marketing_consent, attributes FROM loyalty_customers ORDER BY customer_key",
            cancellationToken).ConfigureAwait(false))
        {
            yield return ReadCustomer(row);
        }
    }

    private static Customer ReadCustomer(DbDataReader row) => new(
        new CustomerId(row.GetString(0)),
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString(3)),
        row.GetInt64(1) != 0,
        row.GetInt64(2) != 0);

    internal Task SetProfilingOptOutAsync(CustomerId customerId, bool optOut, CancellationToken cancellationToken)
    {
        string key = StoredKey(customerId);
        return WithRetryAsync(async ct =>
        {
            var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var transaction = await _dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            // A record created here says nothing about consent, so it holds none: consent is opt-in.
            await ExecuteAsync(connection, transaction,
                "INSERT INTO loyalty_customers (customer_key, profiling_opt_out, marketing_consent, attributes) VALUES (@customer, @opt_out, 0, '{}') " +
                "ON CONFLICT (customer_key) DO UPDATE SET profiling_opt_out = excluded.profiling_opt_out",
                ct, ("customer", key), ("opt_out", optOut ? 1L : 0L)).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Deletes the customer from every customer table in one transaction (all or nothing), keeps their
    /// profiling opt-out (a record with nothing else, so the objection outlives the data) and leaves a tombstone
    /// (<see cref="CustomerPseudonymizer.Tombstone"/>, with the erasure time) that makes later ingests skip the
    /// customer's rows dated up to the erasure.</summary>
    internal Task<ErasureReport> EraseCustomerAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        string key = StoredKey(customerId);
        string tombstone = _pseudonymizer.Tombstone(key, _erasureSalt);
        return WithRetryAsync(async ct =>
        {
            var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var transaction = await _dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            bool optedOut = Convert.ToInt64(
                await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(profiling_opt_out), 0) FROM loyalty_customers WHERE customer_key = @customer", ct, ("customer", key)).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture) != 0;
            var removed = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (string table in CustomerTables)
            {
                removed[table] = await ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE customer_key = @customer", ct, ("customer", key)).ConfigureAwait(false);
            }

            if (optedOut)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO loyalty_customers (customer_key, profiling_opt_out, marketing_consent, attributes) VALUES (@customer, 1, 0, '{}')",
                    ct, ("customer", key)).ConfigureAwait(false);
            }

            // Erasing again moves the time forward: rows ingested since the first erasure are covered too.
            await ExecuteAsync(connection, transaction,
                "INSERT INTO loyalty_erased (erased_key, erased_at) VALUES (@tombstone, @at) " +
                "ON CONFLICT (erased_key) DO UPDATE SET erased_at = excluded.erased_at",
                ct, ("tombstone", tombstone), ("at", _options.TimeProvider.GetUtcNow().UtcTicks)).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new ErasureReport(new CustomerId(key), removed) { ProfilingOptOutKept = optedOut };
        }, cancellationToken);
    }

    /// <summary>The store's tombstones, read once per ingest.</summary>
    private async Task<ErasedCustomers> ReadTombstonesAsync(CancellationToken cancellationToken)
    {
        var erasedAt = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync("SELECT erased_key, erased_at FROM loyalty_erased", cancellationToken).ConfigureAwait(false))
        {
            erasedAt[row.GetString(0)] = row.GetInt64(1);
        }

        return new ErasedCustomers(erasedAt, _pseudonymizer, _erasureSalt);
    }
}
