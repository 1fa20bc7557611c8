using Loyalty.Core.Collection;
using Loyalty.Core.Features;
using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Pipeline;
using Loyalty.Core.Rewards;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Pipeline;

public sealed class LoyaltyPipelineTests
{
    private static readonly RfmOptions Weekly = new() { TimeUnit = TimeUnit.Week, CalibrationEnd = new DateTime(1997, 9, 30) };

    private sealed class CollectingSink : IFeedbackSink
    {
        public List<FeedbackEvent> Events { get; } = [];

        public ValueTask RecordAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken = default)
        {
            Events.Add(feedbackEvent);
            return ValueTask.CompletedTask;
        }
    }

    private static LoyaltyPipelineBuilder CdnowBuilder() => LoyaltyPipeline.CreateBuilder()
        .CollectFromFile(TestData.Bundled("cdnow", "CDNOW_sample.txt"), new TransactionFileOptions { Format = TransactionFileFormat.Cdnow })
        .SummarizeRfm(Weekly);

    [Fact]
    public async Task RunAsync_CdnowEndToEnd_SegmentsValuesAndOffersEveryProfiledCustomer()
    {
        var sink = new CollectingSink();
        var stages = new List<string>();
        var optedOut = new Customer("0001", ProfilingOptOut: true);
        var pipeline = CdnowBuilder()
            .WithCustomers([optedOut])
            .Segment(new SegmentationStepOptions { KMeans = new KMeansOptions { K = 4, NInit = 2, Seed = 7, Standardization = ScalingMethod.Log1pZScore } })
            .EstimateClv()
            .DesignRewards(new RewardStepOptions { Constraints = new AllocationConstraints { Budget = 250 } })
            .AssumeConsentWithoutRecord()
            .RecordFeedbackTo(sink)
            .UseTimeProvider(new FixedTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)))
            .Build();

        var result = await pipeline.RunAsync(new SyncProgress<PipelineProgress>(p => stages.Add(p.Stage)));

        Assert.Equal(2357, result.Rfm.Summaries.Count);
        Assert.Equal(1, result.ExcludedForPrivacy);
        Assert.Equal(2356, result.Assignments.Count);
        Assert.DoesNotContain(result.Assignments, a => a.CustomerId == "0001");
        Assert.Equal(4, result.SegmentProfiles.Count);
        Assert.Equal(2356, result.Clv.Count);
        Assert.All(result.Clv, v => Assert.True(v.ProbabilityAlive is >= 0 and <= 1 && double.IsFinite(v.Clv)));
        Assert.InRange(result.Plan!.Allocation.TotalCost, 0, 250 + 1e-9);
        Assert.NotEmpty(result.Plan.Offers);
        Assert.Equal(result.Plan.Offers.Count, sink.Events.Count);
        Assert.All(sink.Events, e => Assert.Equal(FeedbackKind.Issued, e.Kind));
        Assert.Equal(["collect and summarise", "segment", "value", "reward", "record"], stages);
    }

    [Fact]
    public async Task RunAsync_SameSeed_SameSegmentsAndOffers()
    {
        async Task<PipelineResult> Run() => await CdnowBuilder()
            .Segment(new SegmentationStepOptions { KMeans = new KMeansOptions { K = 3, Seed = 3 } })
            .EstimateClv()
            .DesignRewards(new RewardStepOptions { Constraints = new AllocationConstraints { Budget = 100 } })
            .AssumeConsentWithoutRecord()
            .Build().RunAsync();

        var a = await Run();
        var b = await Run();
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.Equal(a.Plan!.Offers.Select(o => o.OfferId), b.Plan!.Offers.Select(o => o.OfferId));
    }

    [Fact]
    public void Build_ManyProblems_ReportsThemAllAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => LoyaltyPipeline.CreateBuilder()
            .Segment(new SegmentationStepOptions { KMeans = new KMeansOptions { K = 0 } })
            .EstimateClv(new ClvStepOptions { MonthlyDiscountRate = -2 })
            .DesignRewards(new RewardStepOptions { Constraints = new AllocationConstraints { Budget = -1 } })
            .Build());

        Assert.Contains("LoyaltyPipelineBuilder.CollectFrom is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LoyaltyPipelineBuilder.SummarizeRfm is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SegmentationStepOptions.KMeans.K", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ClvStepOptions.MonthlyDiscountRate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RewardStepOptions.Constraints.Budget", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = CdnowBuilder();
        builder.Build();
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so the test sees every stage in order.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

public sealed class LoyaltyPipelineBanditTests
{
    [Fact]
    public async Task RunAsync_WithBandit_StaysWithinBudgetAndLearnsFromRedemptions()
    {
        var catalogue = RewardCatalogue.SeedExample;
        var log = new Loyalty.Core.Feedback.FeedbackLog();
        var bandit = new Loyalty.Core.Feedback.Bandits.ThompsonSampling(catalogue.Rewards.Take(2).Select(r => r.Id), new Loyalty.Core.Feedback.Bandits.BanditOptions { Seed = 5 });
        var learner = new Loyalty.Core.Feedback.Bandits.BanditRewardLearner(bandit, log);
        var result = await LoyaltyPipeline.CreateBuilder()
            .CollectFromFile(TestData.Bundled("cdnow", "CDNOW_sample.txt"), new TransactionFileOptions { Format = TransactionFileFormat.Cdnow })
            .SummarizeRfm(new RfmOptions { TimeUnit = TimeUnit.Week, CalibrationEnd = new DateTime(1997, 9, 30) })
            .Segment(new SegmentationStepOptions { KMeans = new KMeansOptions { K = 3, Seed = 1 } })
            .EstimateClv()
            .DesignRewards(new RewardStepOptions { Constraints = new AllocationConstraints { Budget = 60 } })
            .AssumeConsentWithoutRecord()
            .OptimizeWith(learner)
            .Build()
            .RunAsync();

        var plan = result.Plan!;
        Assert.NotEmpty(plan.Offers);
        Assert.InRange(plan.Allocation.TotalCost, 0, 60 + 1e-9);
        Assert.All(plan.Offers, o => Assert.InRange(o.Explanation.Facts["propensity"], 0, 1));
        Assert.Equal(plan.Offers.Count, log.Count);
        long version = bandit.ModelVersion;

        var first = plan.Offers[0];
        await learner.RecordAsync(new FeedbackEvent("r1", first.CustomerId, FeedbackKind.Redeemed, DateTime.UtcNow, first.OfferId, 10m));
        Assert.Equal(version + 1, bandit.ModelVersion);
    }

    [Fact]
    public void Build_BanditArmNotInCatalogue_Reported()
    {
        var bandit = new Loyalty.Core.Feedback.Bandits.ThompsonSampling(["no-such-reward"]);
        var ex = Assert.Throws<ArgumentException>(() => LoyaltyPipeline.CreateBuilder()
            .CollectFromFile("x.csv")
            .SummarizeRfm(new RfmOptions())
            .DesignRewards(new RewardStepOptions { Constraints = new AllocationConstraints { Budget = 1 } })
            .OptimizeWith(new Loyalty.Core.Feedback.Bandits.BanditRewardLearner(bandit))
            .Build());
        Assert.Contains("no-such-reward", ex.Message, StringComparison.Ordinal);
    }
}
