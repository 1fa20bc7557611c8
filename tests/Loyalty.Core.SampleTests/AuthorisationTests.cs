using System.Net;
using System.Net.Http.Json;

namespace Loyalty.Core.SampleTests;

/// <summary>A customer key acts for its own customer only (403 for another's resources) and never reaches the
/// operator endpoints; an operator key reaches everything.</summary>
public sealed class AuthorisationTests
{
    [Theory]
    [InlineData("GET", "/offers/0004")]
    [InlineData("GET", "/points/0004")]
    [InlineData("POST", "/points/0004/redemptions")]
    public async Task CustomerKey_AnotherCustomersResource_Returns403Problem(string method, string url)
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.CustomerKey);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = JsonContent.Create(new { eventId = "r1", points = 1 }),
        });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/campaigns?format=cdnow")]
    [InlineData("/campaigns/datasets/orders.csv")]
    [InlineData("/feedback")]
    [InlineData("/points/0006/purchases")] // even for the customer's own account: only the host's checkout credits
    public async Task CustomerKey_OperatorEndpoint_Returns403Problem(string url)
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.CustomerKey);

        var response = await client.PostAsJsonAsync(url, new { eventId = "e1", customerId = SampleApp.Customer, kind = "Claimed", amount = 1000 });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CustomerKey_OwnBalance_Returns200()
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.CustomerKey);

        var balance = await (await client.GetAsync("/points/0006")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(0m, balance.GetProperty("active").GetDecimal());
    }

    [Fact]
    public async Task CustomerKey_OtherCustomersBalance_DoesNotRevealIt()
    {
        using var app = new SampleApp();
        using var operatorClient = app.Client(SampleApp.OperatorKey);
        using var otherCustomer = app.Client(SampleApp.OtherCustomerKey);
        await (await operatorClient.PurchaseAsync(SampleApp.Customer, "p1", 77m)).JsonAsync(HttpStatusCode.OK);

        var response = await otherCustomer.GetAsync($"/points/{SampleApp.Customer}");

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        // Only the problem's own members, and no figure outside the random trace id (which may contain "77").
        var names = problem.EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(names, name => Assert.Contains(name, new[] { "type", "title", "status", "detail", "instance", "traceId" }));
        string withoutTraceId = string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => p.Value.ToString()));
        Assert.DoesNotContain("77", withoutTraceId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorKey_AnyCustomersBalance_Returns200()
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.GetAsync($"/points/{SampleApp.OtherCustomer}");

        await response.JsonAsync(HttpStatusCode.OK);
    }
}
