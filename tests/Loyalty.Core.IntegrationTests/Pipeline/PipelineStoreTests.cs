using Loyalty.Core.Collection;
using Loyalty.Core.Features;
using Loyalty.Core.Pipeline;
using Loyalty.Core.Rewards;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.Sqlite;

namespace Loyalty.Core.Tests.Pipeline;

/// <summary>The pipeline keeping its data in a store: ingest, RFM in SQL, opt-out from the store, offers recorded.</summary>
public sealed class PipelineStoreTests : IDisposable
{
    private static readonly RfmOptions Weekly = new() { TimeUnit = TimeUnit.Week, CalibrationEnd = new DateTime(1997, 9, 30) };
    private readonly string _directory = Directory.CreateTempSubdirectory("loyalty-pipeline-store-").FullName;

    private Task<SqliteLoyaltyStore> OpenAsync() => SqliteLoyaltyStore.OpenAsync(
        Path.Combine(_directory, "store.db"),
        new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.WithKey(new byte[32]) });

    private static LoyaltyPipelineBuilder Builder(ILoyaltyStore store, bool withSource) =>
        (withSource
            ? LoyaltyPipeline.CreateBuilder().CollectFromFile(TestData.Bundled("cdnow", "CDNOW_sample.txt"), new TransactionFileOptions { Format = TransactionFileFormat.Cdnow })
            : LoyaltyPipeline.CreateBuilder())
        .UseStore(store)
        .SummarizeRfm(Weekly)
        .Segment(new SegmentationStepOptions { KMeans = new() { K = 4, NInit = 1, Seed = 3 } })
        .EstimateClv()
        .DesignRewards(new RewardStepOptions { Constraints = new AllocationConstraints { Budget = 100 } })
        .AssumeConsentWithoutRecord();

    [Fact]
    public async Task RunAsync_WithStore_IngestsOnceHonoursStoredOptOutAndRecordsOffers()
    {
        await using var store = await OpenAsync();
        await store.SetProfilingOptOutAsync(new CustomerId("0001"), true);

        var first = await Builder(store, withSource: true).Build().RunAsync();
        var second = await Builder(store, withSource: true).Build().RunAsync();
        var fromStoreOnly = await Builder(store, withSource: false).Build().RunAsync();

        Assert.Equal(6919, first.Ingest!.Value.Inserted);
        Assert.Equal(0, second.Ingest!.Value.Inserted);
        Assert.Null(fromStoreOnly.Ingest);
        Assert.Equal(2357, first.Rfm.Summaries.Count);
        Assert.Equal(1, first.ExcludedForPrivacy);
        var optedOut = store.ToStoredId(new CustomerId("0001"));
        Assert.DoesNotContain(first.Assignments, a => a.CustomerId == optedOut);
        Assert.NotEmpty(first.Plan!.Offers);
        var recorded = new List<FeedbackEvent>();
        await foreach (var e in store.ReadFeedbackAsync())
        {
            recorded.Add(e);
        }

        Assert.Contains(recorded, e => e.Kind == FeedbackKind.Issued);
        // Offers name stored ids (pseudonyms); the store records them as they are, not keyed a second time.
        var summaryIds = first.Rfm.Summaries.Select(x => x.CustomerId).ToHashSet();
        Assert.All(recorded.Where(e => e.Kind == FeedbackKind.Issued), e => Assert.Contains(e.CustomerId, summaryIds));
        Assert.Equal(first.Rfm.Summaries.Select(s => s.Frequency), fromStoreOnly.Rfm.Summaries.Select(s => s.Frequency));
    }

    [Fact]
    public async Task RunAsync_WithStoreAndNoConsentAssumed_OffersOnlyToCustomersWhoseRecordsConsent()
    {
        await using var store = await OpenAsync();
        await store.UpsertCustomersAsync([new Customer("0006", MarketingConsent: true), new Customer("0001")]);

        var result = await LoyaltyPipeline.CreateBuilder()
            .CollectFromFile(TestData.Bundled("cdnow", "CDNOW_sample.txt"), new TransactionFileOptions { Format = TransactionFileFormat.Cdnow })
            .UseStore(store)
            .SummarizeRfm(Weekly)
            .DesignRewards(new RewardStepOptions { Constraints = new AllocationConstraints { Budget = 100 } })
            .Build().RunAsync();

        var consenting = store.ToStoredId(new CustomerId("0006"));
        Assert.All(result.Plan!.Offers, o => Assert.Equal(consenting, o.CustomerId));
        Assert.Equal(NoOfferReason.OptedOut, result.Plan.NoOffer[store.ToStoredId(new CustomerId("0001"))]);
    }

    [Fact]
    public async Task Build_StoreWithoutCalibrationEndOrWithNettedReturns_ListsBothProblems()
    {
        await using var store = await OpenAsync();

        var error = Assert.Throws<ArgumentException>(() => LoyaltyPipeline.CreateBuilder()
            .UseStore(store)
            .SummarizeRfm(new RfmOptions { Cleaning = CleaningPolicy.Default with { Returns = ReturnPolicy.Net } })
            .Build());

        Assert.Contains("CalibrationEnd", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReturnPolicy.Drop", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
