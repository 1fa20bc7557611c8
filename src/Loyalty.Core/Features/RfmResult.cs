using Loyalty.Core.Collection;

namespace Loyalty.Core.Features;

/// <summary>RFM summaries with the window they describe and the data-quality report. Immutable.</summary>
/// <param name="Summaries">One summary per customer with a calibration purchase, ordered by customer id (ordinal).</param>
/// <param name="Window">The resolved window (calibration end filled in when it was defaulted).</param>
/// <param name="Quality">What was read, cleaned, merged and left out.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RfmResult(IReadOnlyList<CustomerSummary> Summaries, SummaryWindow Window, DataQualityReport Quality);

/// <summary>
/// Per-customer partials of one shard, for a given window. Partials of shards built with the same window merge
/// exactly into those of the union (see <see cref="CustomerRfmPartial"/> for the sharding rule). Immutable.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class RfmPartials
{
    /// <summary>Creates partials; customers are kept in ordinal id order.</summary>
    /// <exception cref="ArgumentException">A customer appears twice.</exception>
    public RfmPartials(SummaryWindow window, IEnumerable<CustomerRfmPartial> customers, DataQualityReport quality)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(quality);
        window.Validate();
        var sorted = customers.ToArray();
        if (!IsSorted(sorted))
        {
            Array.Sort(sorted, (a, b) => a.CustomerId.CompareTo(b.CustomerId));
        }

        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].CustomerId == sorted[i - 1].CustomerId)
            {
                throw new ArgumentException(
                    $"Customer '{Collection.InputExcerpt.Of(sorted[i].CustomerId.Value)}' appears twice in one shard; a shard holds one partial per customer (merge shards with RfmPartials.Merge).",
                    nameof(customers));
            }
        }

        Window = window;
        Customers = sorted;
        Quality = quality;
    }

    /// <summary>The window the partials were built for.</summary>
    public SummaryWindow Window { get; }

    /// <summary>One partial per customer seen, in ordinal id order.</summary>
    public IReadOnlyList<CustomerRfmPartial> Customers { get; }

    /// <summary>The data-quality report of the shard.</summary>
    public DataQualityReport Quality { get; }

    /// <summary>Merges shards built with the same window.</summary>
    /// <exception cref="ArgumentException">No shards, different windows, or a customer day split across shards.</exception>
    public static RfmPartials Merge(IReadOnlyList<RfmPartials> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
        {
            throw new ArgumentException("At least one shard is needed.", nameof(shards));
        }

        var window = shards[0].Window;
        var merged = new Dictionary<CustomerId, CustomerRfmPartial>();
        var quality = new DataQualityReport();
        for (int s = 0; s < shards.Count; s++)
        {
            if (shards[s].Window != window)
            {
                throw new ArgumentException($"Shard {s} was built for window {shards[s].Window}, shard 0 for {window}; build all shards with one explicit window.", nameof(shards));
            }

            foreach (var partial in shards[s].Customers)
            {
                merged[partial.CustomerId] = merged.TryGetValue(partial.CustomerId, out var existing)
                    ? CustomerRfmPartial.Merge(existing, partial)
                    : partial;
            }

            quality = DataQualityReports.Combine(quality, shards[s].Quality);
        }

        // Customers first seen after calibration are counted per shard; a customer may be "late" in one shard and
        // calibrated in another, so the count is recomputed on the merged set.
        long late = merged.Values.LongCount(p => p.CalibrationDays == 0);
        return new RfmPartials(window, merged.Values, quality with { CustomersFirstSeenAfterCalibration = late });
    }

    private static bool IsSorted(CustomerRfmPartial[] partials)
    {
        for (int i = 1; i < partials.Length; i++)
        {
            if (partials[i - 1].CustomerId.CompareTo(partials[i].CustomerId) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The summaries of the customers with a calibration purchase.</summary>
    public RfmResult ToResult()
    {
        var summaries = new List<CustomerSummary>(Customers.Count);
        foreach (var partial in Customers)
        {
            if (partial.ToSummary(Window) is { } summary)
            {
                summaries.Add(summary);
            }
        }

        return new RfmResult(summaries, Window, Quality);
    }
}
