using System.Net;
using System.Net.Http.Json;

namespace Loyalty.Core.SampleTests;

/// <summary>Writes are limited per caller: past the configured permits the next write is a 429 problem with
/// Retry-After, while other callers and reads go on. The window is an hour, so no test depends on timing.</summary>
public sealed class RateLimitTests
{
    private static SampleApp TwoWritesPerHour() => new(new Dictionary<string, string?>
    {
        ["RateLimiting:Writes:PermitLimit"] = "2",
        ["RateLimiting:Writes:WindowSeconds"] = "3600",
    });

    [Fact]
    public async Task Writes_PastThePermitLimit_Return429Problem()
    {
        using var app = TwoWritesPerHour();
        using var client = app.Client(SampleApp.OperatorKey);
        await (await client.PurchaseAsync("0006", "p1", 10m)).JsonAsync(HttpStatusCode.OK);
        await (await client.PurchaseAsync("0006", "p2", 10m)).JsonAsync(HttpStatusCode.OK);

        var response = await client.PurchaseAsync("0006", "p3", 10m);

        await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        var balance = await (await client.GetAsync("/points/0006")).JsonAsync(HttpStatusCode.OK); // reads go on
        Assert.Equal(20m, balance.GetProperty("pending").GetDecimal());
    }

    [Fact]
    public async Task Writes_OfAnotherCaller_AreNotLimitedByTheFirst()
    {
        using var app = TwoWritesPerHour();
        using var operatorClient = app.Client(SampleApp.OperatorKey);
        using var customerClient = app.Client(SampleApp.CustomerKey);
        for (int i = 0; i < 3; i++)
        {
            await operatorClient.PurchaseAsync("0006", $"p{i}", 10m);
        }

        var response = await customerClient.PostAsJsonAsync("/points/0006/redemptions", new { eventId = "r1", points = 5 });

        // Not 429: the customer's own window is untouched (409: the points are still pending).
        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Writes_Rejected_DoNotReachTheLedger()
    {
        using var app = TwoWritesPerHour();
        using var client = app.Client(SampleApp.OperatorKey);
        for (int i = 0; i < 5; i++)
        {
            await client.PurchaseAsync("0006", $"p{i}", 10m);
        }

        var balance = await (await client.GetAsync("/points/0006")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(20m, balance.GetProperty("pending").GetDecimal());
    }
}
