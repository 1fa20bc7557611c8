using Loyalty.Core.Feedback;
using Loyalty.Core.Hosting;
using Loyalty.Core.Privacy;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Core.Tests.Hosting;

public sealed class AddLoyaltyStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loyalty-hosting-store-").FullName;

    [Fact]
    public async Task AddLoyaltyStore_AfterAddLoyalty_FeedbackGoesToTheStoreAndContractsResolveToIt()
    {
        var store = await SqliteLoyaltyStore.OpenAsync(Path.Combine(_directory, "s.db"), new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.None });
        await using (var provider = new ServiceCollection().AddLoyalty().AddLoyaltyStore(store).BuildServiceProvider())
        {
            var sink = provider.GetRequiredService<IFeedbackSink>();
            await sink.RecordAsync(new FeedbackEvent("e1", new CustomerId("c1"), FeedbackKind.Claimed, new DateTime(2026, 1, 1)));

            Assert.Same(store, sink);
            Assert.Same(store, provider.GetRequiredService<ILoyaltyStore>());
            Assert.Same(store, provider.GetRequiredService<IPointsLedgerStore>());
            Assert.NotNull(provider.GetRequiredService<LoyaltyCampaignRunner>());
            var events = new List<FeedbackEvent>();
            await foreach (var e in store.ReadFeedbackAsync())
            {
                events.Add(e);
            }

            Assert.Equal("e1", Assert.Single(events).EventId);
        }
    }

    [Fact]
    public async Task CustomerErasure_FromTheContainer_ErasesTheStoreThenTheFeedbackLog()
    {
        var store = await SqliteLoyaltyStore.OpenAsync(Path.Combine(_directory, "e.db"), new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.None });
        await using var provider = new ServiceCollection().AddLoyalty().AddLoyaltyStore(store).BuildServiceProvider();
        var at = new DateTime(2026, 1, 1);
        await store.RecordAsync(new FeedbackEvent("s1", new CustomerId("c1"), FeedbackKind.Repurchased, at));
        provider.GetRequiredService<FeedbackLog>().RecordEvent(new FeedbackEvent("m1", new CustomerId("c1"), FeedbackKind.Repurchased, at));

        var report = await provider.GetRequiredService<CustomerErasure>().EraseAsync(new CustomerId("c1"));

        Assert.Equal(1, report.Store!.RowsByTable["loyalty_feedback"]);
        Assert.Equal(1, report.RecordsByParticipant["feedback-log"]);
        Assert.Equal(0, provider.GetRequiredService<FeedbackLog>().Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
