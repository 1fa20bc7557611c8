namespace Loyalty.Core.Storage;

/// <summary>
/// Implemented by an <see cref="IStoreDialect"/> that computes customer summaries its own way instead of through
/// <see cref="IStoreDialect.SummarySql"/> (SQLite: its GROUP BY always sorts, which cannot meet the 10 M-row target,
/// so its package scans the day index directly).
/// </summary>
/// <remarks>Thread safety: called from many threads at once, like the dialect itself.</remarks>
public interface IStoreSummarizer
{
    /// <summary>Summaries of every customer with a purchase day in calibration, ordered by stored customer id
    /// (ordinal), equal to what <see cref="IStoreDialect.SummarySql"/> would give.</summary>
    /// <param name="window">The validated calibration and holdout window.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The summaries, streamed.</returns>
    IAsyncEnumerable<CustomerSummary> SummarizeAsync(SummaryWindow window, CancellationToken cancellationToken);
}
