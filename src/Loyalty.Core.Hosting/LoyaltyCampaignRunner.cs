using Loyalty.Core.Pipeline;
using Loyalty.Core.Rewards;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Loyalty.Core.Hosting;

/// <summary>
/// Runs the loyalty pipeline for a host with the configured options: summaries, segments, values and a budgeted
/// offer plan, with an "issued" event recorded for every offer. Keeps the latest result for request handlers.
/// Thread-safe.
/// </summary>
public sealed partial class LoyaltyCampaignRunner(
    IOptions<LoyaltyOptions> options,
    RewardCatalogue catalogue,
    IFeedbackSink feedback,
    TimeProvider time,
    ILogger<LoyaltyCampaignRunner>? logger = null)
{
    // Hosts without logging still get a working runner.
    private readonly ILogger _logger = logger ?? NullLogger<LoyaltyCampaignRunner>.Instance;

    private PipelineResult? _latest;

    /// <summary>The result of the last completed run; null before the first.</summary>
    public PipelineResult? Latest => Volatile.Read(ref _latest);

    /// <summary>Runs a campaign over <paramref name="source"/>.</summary>
    /// <param name="source">The transactions.</param>
    /// <param name="customers">Privacy choices of customers; a customer without a record gets no offer unless
    /// <see cref="LoyaltyOptions.AssumeConsentWithoutRecord"/> is set (consent is opt-in).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<PipelineResult> RunAsync(ITransactionSource source, IEnumerable<Customer>? customers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var o = options.Value;
        var pipeline = LoyaltyPipeline.CreateBuilder()
            .CollectFrom(source)
            .WithCustomers(customers ?? [])
            .AddSteps(o, catalogue)
            .RecordFeedbackTo(feedback)
            .AssumeConsentWithoutRecord(o.AssumeConsentWithoutRecord)
            .UseTimeProvider(time)
            .Build();

        LogStarting(_logger, source.Name);
        var result = await pipeline.RunAsync(new Progress<PipelineProgress>(p => LogStage(_logger, p.Stage, p.Index, p.Count)), cancellationToken).ConfigureAwait(false);
        LogFinished(_logger, result.Rfm.Summaries.Count, result.Plan?.Offers.Count ?? 0, result.Plan?.Allocation.TotalCost ?? 0, result.Elapsed.TotalSeconds);
        Volatile.Write(ref _latest, result);
        return result;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loyalty campaign starting on {Source}")]
    private static partial void LogStarting(ILogger logger, string source);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Loyalty pipeline stage {Stage} ({Index}/{Count})")]
    private static partial void LogStage(ILogger logger, string stage, int index, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Loyalty campaign done: {Customers} customers, {Offers} offers, expected cost {Cost:0.00}, {Seconds:0.00} s")]
    private static partial void LogFinished(ILogger logger, int customers, int offers, double cost, double seconds);
}
