using Loyalty.Core.Collection;
using Loyalty.Core.Features;
using Loyalty.Core.Pipeline;
using Loyalty.Core.Rewards;

namespace Loyalty.Core.Tests.Pipeline;

/// <summary>Consent is opt-in: customers without a record get no offer unless the host says otherwise.</summary>
public sealed class LoyaltyPipelineConsentTests
{
    private static LoyaltyPipelineBuilder Builder() => LoyaltyPipeline.CreateBuilder()
        .CollectFromFile(TestData.Bundled("cdnow", "CDNOW_sample.txt"), new TransactionFileOptions { Format = TransactionFileFormat.Cdnow })
        .SummarizeRfm(new RfmOptions { TimeUnit = TimeUnit.Week, CalibrationEnd = new DateTime(1997, 9, 30) })
        .DesignRewards(new RewardStepOptions { Constraints = new AllocationConstraints { Budget = 1000 } });

    [Fact]
    public async Task RunAsync_CustomersWithoutRecords_GetNoOfferByDefault()
    {
        var result = await Builder().Build().RunAsync();

        Assert.Empty(result.Plan!.Offers);
        Assert.NotEmpty(result.Rfm.Summaries);
    }

    [Fact]
    public async Task RunAsync_ConsentRecords_OffersOnlyToConsentingCustomersAndARecordAlwaysDecides()
    {
        var everyone = await Builder().AssumeConsentWithoutRecord().Build().RunAsync();
        var offered = everyone.Plan!.Offers.Select(o => o.CustomerId.Value).ToList();
        Assert.True(offered.Count >= 6, $"only {offered.Count} offers");
        var consenting = offered.Take(5).ToList();
        string refused = offered[5];

        var recordsOnly = await Builder()
            .WithCustomers(consenting.Select(id => new Customer(id, MarketingConsent: true)).Append(new Customer(refused)))
            .Build().RunAsync();
        var assumed = await Builder()
            .WithCustomers([new Customer(refused, MarketingConsent: false)])
            .AssumeConsentWithoutRecord()
            .Build().RunAsync();

        Assert.Equal(consenting.Order(StringComparer.Ordinal), recordsOnly.Plan!.Offers.Select(o => o.CustomerId.Value).Order(StringComparer.Ordinal));
        Assert.NotEmpty(assumed.Plan!.Offers);
        Assert.DoesNotContain(assumed.Plan.Offers, o => o.CustomerId == refused);
    }
}
