// A minimal ASP.NET host embedding Loyalty.Core: run a campaign over a transaction log, read a customer's offer with
// its explanation, record feedback, and keep a points balance.
// Run from the repository root: dotnet run --project samples/WebApi --urls http://127.0.0.1:5080
//   curl -X POST "http://127.0.0.1:5080/campaigns?format=cdnow&path=$PWD/tests/data/cdnow/CDNOW_sample.txt"  (paths resolve on the server)
//   curl http://127.0.0.1:5080/offers/0006
//   curl -X POST http://127.0.0.1:5080/feedback -H 'content-type: application/json' \
//        -d '{"eventId":"f1","customerId":"0006","kind":"Claimed","offerId":"spring:0006:c1-200pts-freeship"}'
//   curl -X POST 'http://127.0.0.1:5080/points/0006/purchases?eventId=p1&amount=42.50'
using System.Text.Json.Serialization;
using Loyalty.Core;
using Loyalty.Core.Collection;
using Loyalty.Core.Hosting;
using Loyalty.Core.Rewards;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLoyalty(builder.Configuration.GetSection(LoyaltyOptions.SectionName));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
var app = builder.Build();

app.MapPost("/campaigns", async (string path, string? format, LoyaltyCampaignRunner runner, CancellationToken cancellationToken) =>
{
    var options = new TransactionFileOptions { Format = format == "cdnow" ? TransactionFileFormat.Cdnow : TransactionFileFormat.Csv };
    try
    {
        var result = await runner.RunAsync(new TransactionFileSource(path, options), cancellationToken: cancellationToken);
        return Results.Ok(new
        {
            customers = result.Rfm.Summaries.Count,
            offers = result.Plan!.Offers.Count,
            expectedCost = result.Plan.Allocation.TotalCost,
            expectedUplift = result.Plan.Allocation.TotalUplift,
            segments = result.SegmentProfiles.Select(p => new { p.SegmentId, p.Size, p.TopName }),
            quality = result.Rfm.Quality,
        });
    }
    catch (Exception ex) when (ex is FormatException or ArgumentException or IOException)
    {
        return Results.BadRequest(new { error = ex.Message });
    }
});

app.MapGet("/offers/{customerId}", (string customerId, LoyaltyCampaignRunner runner) =>
{
    var plan = runner.Latest?.Plan;
    if (plan is null)
    {
        return Results.NotFound(new { error = "No campaign has run yet; POST /campaigns first." });
    }

    var offer = plan.Offers.FirstOrDefault(o => o.CustomerId == customerId);
    if (offer is not null)
    {
        return Results.Ok(new { offer.OfferId, offer.Reward.Description, offer.ExpectedCost, offer.ExpectedUplift, offer.Explanation });
    }

    return plan.NoOffer.TryGetValue(new CustomerId(customerId), out var reason)
        ? Results.Ok(new { offer = (object?)null, reason = reason.ToString() })
        : Results.NotFound(new { error = $"Customer '{customerId}' is not in the last campaign." });
});

app.MapPost("/feedback", async (FeedbackRequest request, IFeedbackSink sink, TimeProvider time, CancellationToken cancellationToken) =>
{
    if (string.IsNullOrWhiteSpace(request.EventId) || string.IsNullOrWhiteSpace(request.CustomerId))
    {
        return Results.BadRequest(new { error = "eventId and customerId are required." });
    }

    try
    {
        await sink.RecordAsync(new FeedbackEvent(request.EventId, request.CustomerId, request.Kind, time.GetUtcNow().UtcDateTime, request.OfferId, request.Value), cancellationToken);
        return Results.Accepted();
    }
    catch (ArgumentException ex)
    {
        return Results.BadRequest(new { error = ex.Message }); // e.g. feedback for an offer that was never issued
    }
});

app.MapPost("/points/{customerId}/purchases", (string customerId, string eventId, decimal amount, PointsLedger ledger, TimeProvider time) =>
{
    try
    {
        var now = time.GetUtcNow().UtcDateTime;
        var posting = ledger.EarnForPurchase(eventId, customerId, amount, now);
        return Results.Ok(new { earned = posting?.Points ?? 0, balance = ledger.Balance(customerId, now) });
    }
    catch (ArgumentException ex)
    {
        return Results.BadRequest(new { error = ex.Message });
    }
});

app.MapGet("/points/{customerId}", (string customerId, PointsLedger ledger, TimeProvider time) =>
    Results.Ok(ledger.Balance(customerId, time.GetUtcNow().UtcDateTime)));

app.Run();

/// <summary>The body of POST /feedback.</summary>
internal sealed record FeedbackRequest(string EventId, string CustomerId, FeedbackKind Kind, string? OfferId, decimal? Value);
