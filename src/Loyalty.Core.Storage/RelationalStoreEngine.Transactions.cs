using System.Runtime.CompilerServices;
using Loyalty.Core.Features;

namespace Loyalty.Core.Storage;

public sealed partial class RelationalStoreEngine
{
    /// <summary>Ingests in batches of <see cref="LoyaltyStoreOptions.BatchSize"/>, each in one database transaction:
    /// a crash loses at most the batch in flight, and re-running skips every committed key. The next batch is read
    /// and keyed while the previous one commits (batches still commit one at a time, in order). Rows of erased
    /// customers dated up to their erasure are skipped and counted in <see cref="IngestResult.Erased"/>.</summary>
    internal async Task<IngestResult> AppendAsync(IAsyncEnumerable<Transaction> transactions, IProgress<IngestResult>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var keyer = new TransactionKeyer(_pseudonymizer, _transactionKeyVersion);
        var erased = await ReadTombstonesAsync(cancellationToken).ConfigureAwait(false);
        var batch = new List<StoredTransaction>(Math.Min(_options.BatchSize, 1 << 16));
        long read = 0, inserted = 0, committed = 0, skipped = 0;
        Task<long>? inFlight = null;
        try
        {
            await foreach (var transaction in transactions.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                read++;
                var stored = keyer.Prepare(transaction, read);
                if (erased.Covers(stored.CustomerKey, stored.Ticks))
                {
                    skipped++;
                    continue;
                }

                batch.Add(stored);
                if (batch.Count == _options.BatchSize)
                {
                    if (inFlight is not null)
                    {
                        inserted += await inFlight.ConfigureAwait(false);
                        progress?.Report(new IngestResult(committed + skipped, inserted, committed - inserted, 0) { Erased = skipped });
                    }

                    var full = batch;
                    committed += full.Count;
                    batch = new List<StoredTransaction>(full.Count);
                    inFlight = Task.Run(() => CommitBatchAsync(full, cancellationToken), cancellationToken);
                }
            }
        }
        finally
        {
            // Never leave a batch committing in the background when the source fails or is cancelled.
            if (inFlight is not null)
            {
                inserted += await inFlight.ConfigureAwait(false);
                inFlight = null;
            }
        }

        if (batch.Count > 0)
        {
            inserted += await CommitBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        var result = new IngestResult(read, inserted, read - skipped - inserted, 0) { Erased = skipped };
        progress?.Report(result);
        return result;
    }

    private Task<long> CommitBatchAsync(List<StoredTransaction> batch, CancellationToken cancellationToken) =>
        WithRetryAsync(async ct =>
        {
            var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var transaction = await _dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            long inserted = await _dialect.InsertTransactionsAsync(connection, transaction, batch, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return inserted;
        }, cancellationToken);

    /// <summary>Stored transactions ordered by stored customer id, then time, with their items.</summary>
    internal async IAsyncEnumerable<Transaction> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const string sql =
            "SELECT t.customer_key, t.ts, t.amount_e4, t.order_id, t.tx_key, i.item_id " +
            "FROM loyalty_transactions t LEFT JOIN loyalty_transaction_items i ON i.tx_key = t.tx_key " +
            "ORDER BY t.customer_key, t.day, t.ts, t.tx_key, i.position";
        Transaction? pending = null;
        byte[]? pendingKey = null;
        List<string>? items = null;
        await foreach (var row in QueryAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var key = (byte[])row.GetValue(4);
            if (pendingKey is null || !key.AsSpan().SequenceEqual(pendingKey))
            {
                if (pending is { } done)
                {
                    yield return items is null ? done : done with { ItemIds = items };
                }

                pending = new Transaction(
                    new CustomerId(row.GetString(0)),
                    new DateTime(row.GetInt64(1)),
                    StoreMoney.FromE4(row.GetInt64(2)),
                    row.IsDBNull(3) ? null : row.GetString(3));
                pendingKey = key;
                items = null;
            }

            if (!row.IsDBNull(5))
            {
                (items ??= []).Add(row.GetString(5));
            }
        }

        if (pending is { } last)
        {
            yield return items is null ? last : last with { ItemIds = items };
        }
    }

    /// <summary>Summaries computed by the database (GROUP BY customer and day, then per customer), equal to
    /// <see cref="RfmBuilder"/> with returns dropped. Ordered by stored customer id.</summary>
    internal async IAsyncEnumerable<CustomerSummary> SummarizeAsync(SummaryWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        window.Validate();
        if (_dialect is IStoreSummarizer summarizer)
        {
            await foreach (var summary in summarizer.SummarizeAsync(window, cancellationToken).ConfigureAwait(false))
            {
                yield return summary;
            }

            yield break;
        }

        int calibrationDay = DateOnly.FromDateTime(window.CalibrationEnd).DayNumber;
        int lastDay = window.ObservationEnd is { } end ? DateOnly.FromDateTime(end).DayNumber : calibrationDay;
        await foreach (var row in QueryAsync(_dialect.SummarySql!, cancellationToken, ("cal_day", (long)calibrationDay), ("last_day", (long)lastDay)).ConfigureAwait(false))
        {
            var partial = new CustomerRfmPartial(
                new CustomerId(row.GetString(0)),
                DateOnly.FromDayNumber(checked((int)row.GetInt64(1))),
                row.GetInt64(2) / (double)StoreMoney.Scale,
                DateOnly.FromDayNumber(checked((int)row.GetInt64(3))),
                checked((int)row.GetInt64(4)),
                row.GetInt64(5) / (double)StoreMoney.Scale,
                checked((int)row.GetInt64(6)),
                row.GetInt64(7) / (double)StoreMoney.Scale);
            yield return partial.ToSummary(window)!.Value;
        }
    }
}
