namespace Loyalty.Core.Collection;

/// <summary>A row that was refused, as the report keeps it.</summary>
/// <param name="Source">File or source name.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">The column at fault, when one is.</param>
/// <param name="Reason">What was wrong.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RejectedRow(string Source, long Line, string? Column, string Reason);

/// <summary>
/// What collection and summarising did to the data: every row read is accounted for, so nothing is dropped
/// silently. Immutable.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record DataQualityReport
{
    /// <summary>Data rows read (header and blank lines not counted).</summary>
    public long RowsRead { get; init; }

    /// <summary>Rows refused as unparsable or invalid.</summary>
    public long RowsRejected { get; init; }

    /// <summary>The first refused rows, with file, line, column and reason.</summary>
    public IReadOnlyList<RejectedRow> RejectedSamples { get; init; } = [];

    /// <summary>Rows dropped because their order id was seen before.</summary>
    public long DuplicateOrderIds { get; init; }

    /// <summary>Rows identical to an earlier row (same customer, timestamp and amount).</summary>
    public long IdenticalRows { get; init; }

    /// <summary>Of <see cref="IdenticalRows"/>, how many were dropped (by <see cref="IdenticalRowPolicy.Drop"/>).</summary>
    public long IdenticalRowsDropped { get; init; }

    /// <summary>Rows with a negative amount.</summary>
    public long Returns { get; init; }

    /// <summary>Returns left out (<see cref="ReturnPolicy.Drop"/>) or without an earlier purchase to net against.</summary>
    public long ReturnsDropped { get; init; }

    /// <summary>Returns subtracted from a purchase day (<see cref="ReturnPolicy.Net"/>).</summary>
    public long ReturnsNetted { get; init; }

    /// <summary>Purchase days that netting removed because the whole purchase was returned.</summary>
    public long PurchaseDaysCancelled { get; init; }

    /// <summary>Transactions merged into another one of the same customer on the same day.</summary>
    public long SameDayMerged { get; init; }

    /// <summary>Transactions after the end of the observation window, left out.</summary>
    public long AfterObservationEnd { get; init; }

    /// <summary>Customers whose first purchase falls after the calibration end; they have no calibration summary.</summary>
    public long CustomersFirstSeenAfterCalibration { get; init; }

    /// <summary>Transactions that went into the summaries.</summary>
    public long TransactionsUsed { get; init; }
}

/// <summary>Combining reports of several readers or shards.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class DataQualityReports
{
    /// <summary>Adds the counts of two reports and concatenates their rejected samples (up to <paramref name="sampleLimit"/>).</summary>
    public static DataQualityReport Combine(DataQualityReport a, DataQualityReport b, int sampleLimit = 20)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new DataQualityReport
        {
            RowsRead = a.RowsRead + b.RowsRead,
            RowsRejected = a.RowsRejected + b.RowsRejected,
            RejectedSamples = a.RejectedSamples.Concat(b.RejectedSamples).Take(sampleLimit).ToArray(),
            DuplicateOrderIds = a.DuplicateOrderIds + b.DuplicateOrderIds,
            IdenticalRows = a.IdenticalRows + b.IdenticalRows,
            IdenticalRowsDropped = a.IdenticalRowsDropped + b.IdenticalRowsDropped,
            Returns = a.Returns + b.Returns,
            ReturnsDropped = a.ReturnsDropped + b.ReturnsDropped,
            ReturnsNetted = a.ReturnsNetted + b.ReturnsNetted,
            PurchaseDaysCancelled = a.PurchaseDaysCancelled + b.PurchaseDaysCancelled,
            SameDayMerged = a.SameDayMerged + b.SameDayMerged,
            AfterObservationEnd = a.AfterObservationEnd + b.AfterObservationEnd,
            CustomersFirstSeenAfterCalibration = a.CustomersFirstSeenAfterCalibration + b.CustomersFirstSeenAfterCalibration,
            TransactionsUsed = a.TransactionsUsed + b.TransactionsUsed,
        };
    }
}
