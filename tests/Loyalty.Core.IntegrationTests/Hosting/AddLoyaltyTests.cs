using Loyalty.Core.Collection;
using Loyalty.Core.Hosting;
using Loyalty.Core.Rewards;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Loyalty.Core.Tests.Hosting;

public sealed class AddLoyaltyTests
{
    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLoyalty(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(LoyaltyOptions.SectionName))
            .BuildServiceProvider();

    [Fact]
    public void AddLoyalty_BoundFromConfiguration_ConfiguresLedgerAndOptions()
    {
        using var provider = Provider(new() { ["Loyalty:Segments"] = "3", ["Loyalty:Budget"] = "50", ["Loyalty:PointsPendingDays"] = "0" });

        Assert.Equal(3, provider.GetRequiredService<IOptions<LoyaltyOptions>>().Value.Segments);
        var ledger = provider.GetRequiredService<PointsLedger>();
        ledger.Earn("e1", "c", 10, new DateTime(2026, 1, 1));
        Assert.Equal(10, ledger.Balance("c", new DateTime(2026, 1, 1)).Active); // no pending period configured
        Assert.Same(RewardCatalogue.SeedExample, provider.GetRequiredService<RewardCatalogue>());
    }

    [Fact]
    public void AddLoyalty_InvalidSettings_ReportsEveryProblem()
    {
        using var provider = Provider(new() { ["Loyalty:Segments"] = "0", ["Loyalty:Budget"] = "-5", ["Loyalty:Campaign"] = " " });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LoyaltyOptions>>().Value);
        // Hosting validates the Core records its settings map onto, so the messages name Core's options.
        Assert.Contains(ex.Failures, f => f.Contains("SegmentationStepOptions.KMeans.K must be >= 1 (was 0)", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("RewardStepOptions.Constraints.Budget must be a finite number >= 0 (was -5)", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("RewardStepOptions.Campaign is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CampaignRunner_CdnowSample_PlansOffersWithinBudgetAndRecordsThem()
    {
        using var provider = Provider(new() { ["Loyalty:Budget"] = "40", ["Loyalty:Seed"] = "1", ["Loyalty:AssumeConsentWithoutRecord"] = "true" });
        var runner = provider.GetRequiredService<LoyaltyCampaignRunner>();
        var source = new TransactionFileSource(TestData.Bundled("cdnow", "CDNOW_sample.txt"), new TransactionFileOptions { Format = TransactionFileFormat.Cdnow });

        var result = await runner.RunAsync(source);

        Assert.Same(result, runner.Latest);
        Assert.InRange(result.Plan!.Allocation.TotalCost, 1e-9, 40 + 1e-9);
        var sink = provider.GetRequiredService<Loyalty.Core.Feedback.FeedbackLog>();
        Assert.Equal(result.Plan.Offers.Count, sink.Events.Count);
    }
}
