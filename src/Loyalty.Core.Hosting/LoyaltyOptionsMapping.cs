using Loyalty.Core.Features;
using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Pipeline;
using Loyalty.Core.Rewards;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Hosting;

/// <summary>
/// The one place that turns the host's <see cref="LoyaltyOptions"/> into Core's option records. The campaign runner
/// and the ledger registration use it to run, and <see cref="LoyaltyOptions.Problems"/> uses it to validate, so
/// start-up validation accepts exactly what a run accepts: there are no separate hosting rules to drift from Core's.
/// </summary>
internal static class LoyaltyOptionsMapping
{
    /// <summary>Adds the summarise, segment, value and reward steps the options describe.</summary>
    internal static LoyaltyPipelineBuilder AddSteps(this LoyaltyPipelineBuilder builder, LoyaltyOptions options, RewardCatalogue catalogue) =>
        builder
            .SummarizeRfm(new RfmOptions { TimeUnit = options.TimeUnit })
            .Segment(new SegmentationStepOptions { KMeans = new KMeansOptions { K = options.Segments, Seed = options.Seed, NInit = 4, Standardization = ScalingMethod.Log1pZScore } })
            .EstimateClv(new ClvStepOptions { Horizon = options.ClvHorizon, MonthlyDiscountRate = options.MonthlyDiscountRate })
            .DesignRewards(new RewardStepOptions { Catalogue = catalogue, Campaign = options.Campaign, Constraints = new AllocationConstraints { Budget = options.Budget } });

    /// <summary>The points ledger's settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A day count is too large for a <see cref="TimeSpan"/>.</exception>
    internal static LedgerOptions Ledger(LoyaltyOptions options) => new()
    {
        PointsPerCurrencyUnit = options.PointsPerCurrencyUnit,
        PendingPeriod = TimeSpan.FromDays(options.PointsPendingDays),
        ExpiryPeriod = TimeSpan.FromDays(options.PointsExpiryDays),
        PointValue = options.PointValue,
    };

    /// <summary>Every problem Core finds in the mapped records, one entry per record checked (each entry Core's own
    /// message, which lists all of that record's errors as <c>TypeName.Property</c>).</summary>
    internal static IReadOnlyList<string> Problems(LoyaltyOptions options)
    {
        var problems = new List<string>();
        try
        {
            // Building validates every step's options through Core's one validation path; nothing runs.
            LoyaltyPipeline.CreateBuilder().CollectFrom(NoTransactions.Instance).AddSteps(options, RewardCatalogue.SeedExample).Build();
        }
        catch (ArgumentException ex)
        {
            problems.Add(ex.Message);
        }

        try
        {
            Ledger(options).Validate();
        }
        catch (ArgumentException ex)
        {
            problems.Add(ex.Message);
        }

        return problems;
    }

    /// <summary>A source that is never read: validation only builds the pipeline.</summary>
    private sealed class NoTransactions : ITransactionSource
    {
        internal static readonly NoTransactions Instance = new();

        public string Name => "validation";

        public async IAsyncEnumerable<Transaction> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            yield break;
        }
    }
}
