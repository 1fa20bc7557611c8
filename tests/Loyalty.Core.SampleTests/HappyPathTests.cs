using System.Net;
using System.Net.Http.Json;

namespace Loyalty.Core.SampleTests;

/// <summary>The walk-through of the sample's README, end to end: campaign upload → offer → feedback → purchase
/// credit → balance → redemption.</summary>
public sealed class HappyPathTests
{
    [Fact]
    public async Task Walkthrough_UploadOfferFeedbackPurchaseBalanceRedeem_Succeeds()
    {
        using var app = new SampleApp();
        using var operatorClient = app.Client(SampleApp.OperatorKey);
        using var customerClient = app.Client(SampleApp.CustomerKey);

        var campaign = await (await operatorClient.PostTextAsync("/campaigns?format=cdnow", await File.ReadAllTextAsync(RepositoryFiles.CdnowSample)))
            .JsonAsync(HttpStatusCode.OK);
        Assert.True(campaign.GetProperty("customers").GetInt32() > 0);
        Assert.True(campaign.GetProperty("offers").GetInt32() > 0);
        Assert.Equal(0, campaign.GetProperty("quality").GetProperty("rowsRejected").GetInt64());

        var offer = await (await customerClient.GetAsync($"/offers/{SampleApp.Customer}")).JsonAsync(HttpStatusCode.OK);
        string offerId = offer.GetProperty("offerId").GetString()!;
        Assert.StartsWith($"spring:{SampleApp.Customer}:", offerId, StringComparison.Ordinal);

        var feedback = await operatorClient.PostAsJsonAsync("/feedback",
            new { eventId = "f1", customerId = SampleApp.Customer, kind = "Claimed", offerId });
        Assert.Equal(HttpStatusCode.Accepted, feedback.StatusCode);

        // A whole amount earns the same whole points under any rounding rule of the ledger.
        var purchase = await (await operatorClient.PurchaseAsync(SampleApp.Customer, "p1", 42m)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(42m, purchase.GetProperty("earned").GetDecimal());
        var retried = await (await operatorClient.PurchaseAsync(SampleApp.Customer, "p1", 42m)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(42m, retried.GetProperty("balance").GetProperty("pending").GetDecimal());

        var balance = await (await customerClient.GetAsync($"/points/{SampleApp.Customer}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(42m, balance.GetProperty("pending").GetDecimal());
        Assert.Equal(0m, balance.GetProperty("active").GetDecimal());

        // Pending points cannot be spent yet; after the return window they can.
        var early = await customerClient.PostAsJsonAsync($"/points/{SampleApp.Customer}/redemptions", new { eventId = "r1", points = 40 });
        await early.ProblemAsync(HttpStatusCode.Conflict);
        app.Clock.Advance(TimeSpan.FromDays(15));
        var redeemed = await (await customerClient.PostAsJsonAsync($"/points/{SampleApp.Customer}/redemptions", new { eventId = "r2", points = 40 }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2m, redeemed.GetProperty("balance").GetProperty("active").GetDecimal());
        Assert.Equal(40m, redeemed.GetProperty("balance").GetProperty("spent").GetDecimal());
    }
}
