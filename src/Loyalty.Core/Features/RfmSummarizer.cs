using Loyalty.Core.Collection;

namespace Loyalty.Core.Features;

/// <summary>One call from a transaction log to RFM summaries.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class RfmSummarizer
{
    private const int CancellationCheckInterval = 1 << 16;

    /// <summary>Summarises a file on the allocation-free path (no <see cref="Transaction"/> objects are made).</summary>
    /// <param name="path">The transaction file.</param>
    /// <param name="file">Its layout; CSV with default column names when null.</param>
    /// <param name="options">Window, time unit and cleaning rules.</param>
    /// <param name="progress">Receives the number of rows read, every 2^20 rows.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The summaries and a data-quality report covering every row.</returns>
    /// <exception cref="TransactionFormatException">The file is empty, lacks a column, or has a bad row and no
    /// more rejections are allowed; the message names file, line and column.</exception>
    /// <exception cref="ArgumentException">Invalid options (all problems listed).</exception>
    public static RfmResult SummarizeFile(
        string path,
        TransactionFileOptions? file,
        RfmOptions options,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new RfmBuilder(options);
        var source = new TransactionFileSource(path, file, options.Cleaning);
        using var rows = source.OpenRows();
        var batch = new PrefetchingRowBatch(builder);
        long count = 0;
        while (rows.Read())
        {
            batch.Add(rows.CustomerId.Trim(" \t"u8), rows.Ticks, (double)rows.Amount);
            if ((++count & (CancellationCheckInterval - 1)) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if ((count & ((1 << 20) - 1)) == 0)
                {
                    progress?.Report(count);
                }
            }
        }

        batch.Flush();
        return Finish(builder, rows.Report(), source.Name, options);
    }

    /// <summary>Summarises any transaction source.</summary>
    /// <param name="source">The transactions.</param>
    /// <param name="options">Window, time unit and cleaning rules.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The summaries and the data-quality report (including the source's own report when it keeps one).</returns>
    public static async Task<RfmResult> SummarizeAsync(
        ITransactionSource source,
        RfmOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new RfmBuilder(options);
        await foreach (var transaction in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            builder.Add(transaction);
        }

        var sourceReport = (source as TransactionFileSource)?.LastReport;
        return sourceReport is null ? builder.Build() : Finish(builder, sourceReport, ((TransactionFileSource)source).Name, options);
    }

    /// <summary>The reader knows rows read, rejected and duplicate orders; the builder knows the rest.</summary>
    /// <exception cref="TransactionFormatException">The file's accepted rows hold no purchase (all returns, say) and
    /// no calibration end was given: there is no last purchase day to end the window on.</exception>
    private static RfmResult Finish(RfmBuilder builder, DataQualityReport readerReport, string sourceName, RfmOptions options)
    {
        if (!builder.HasPurchases && options.CalibrationEnd is null)
        {
            throw new TransactionFormatException(sourceName, 0, null,
                $"none of the {readerReport.RowsRead - readerReport.RowsRejected} accepted rows is a purchase (return policy " +
                $"{options.Cleaning.Returns}), so there is no last purchase day to end the calibration " +
                "period; give a calibration end (--calibration-end) or a log with purchases.");
        }

        var partials = builder.BuildPartials();
        var quality = partials.Quality with
        {
            RowsRead = readerReport.RowsRead,
            RowsRejected = readerReport.RowsRejected,
            RejectedSamples = readerReport.RejectedSamples,
            DuplicateOrderIds = readerReport.DuplicateOrderIds,
        };
        return partials.ToResult() with { Quality = quality };
    }
}
