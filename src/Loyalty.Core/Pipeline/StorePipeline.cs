using Loyalty.Core.Collection;
using Loyalty.Core.Features;

namespace Loyalty.Core.Pipeline;

/// <summary>The collect stage when the pipeline keeps its data in a store: ingest, then RFM from the database, and
/// the customer records the store holds.</summary>
internal static class StorePipeline
{
    internal static async Task<(RfmResult Rfm, IngestResult? Ingest)> CollectAndSummarizeAsync(
        PipelineDefinition d, ILoyaltyStore store, CancellationToken cancellationToken)
    {
        IngestResult? ingest = null;
        DataQualityReport quality = new();
        if (d.File is { } file)
        {
            var source = new TransactionFileSource(file.Path, file.Options, d.Rfm.Cleaning);
            ingest = await store.AppendAsync(source.ReadAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            quality = source.LastReport ?? quality;
        }
        else if (d.Source is { } source)
        {
            ingest = await store.AppendAsync(source.ReadAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var window = new SummaryWindow(d.Rfm.CalibrationEnd!.Value.Date, d.Rfm.ObservationEnd?.Date, d.Rfm.TimeUnit);
        var summaries = new List<CustomerSummary>();
        await foreach (var summary in store.SummarizeAsync(window, cancellationToken).ConfigureAwait(false))
        {
            summaries.Add(summary);
        }

        return (new RfmResult(summaries, window, quality), ingest);
    }

    /// <summary>The store's customer records, overridden by those given to the builder (mapped to stored ids).</summary>
    internal static async Task<IReadOnlyDictionary<CustomerId, Customer>> CustomersAsync(
        PipelineDefinition d, ILoyaltyStore store, CancellationToken cancellationToken)
    {
        var customers = new Dictionary<CustomerId, Customer>();
        await foreach (var customer in store.ReadCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            customers[customer.Id] = customer;
        }

        foreach (var customer in d.Customers.Values)
        {
            var id = store.ToStoredId(customer.Id);
            customers[id] = customer with { Id = id };
        }

        return customers;
    }
}
