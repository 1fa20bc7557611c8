using System.Net;
using Loyalty.Samples.WebApi.Auth;

namespace Loyalty.Core.SampleTests;

/// <summary>Every endpoint needs a valid key: none or a wrong one is a 401 problem that says how to authenticate.</summary>
public sealed class AuthenticationTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/campaigns?format=cdnow" },
        { "POST", "/campaigns/datasets/orders.csv" },
        { "GET", "/offers/0006" },
        { "POST", "/feedback" },
        { "GET", "/points/0006" },
        { "POST", "/points/0006/purchases" },
        { "POST", "/points/0006/redemptions" },
        { "GET", "/no-such-endpoint" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Request_WithoutKey_Returns401Problem(string method, string url)
    {
        using var app = new SampleApp();
        using var client = app.Client(apiKey: null);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}") });

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("test-operator-key-6f1c0a9")] // the operator key less its last character
    [InlineData("TEST-OPERATOR-KEY-6F1C0A9E")] // keys are case-sensitive
    public async Task Request_WithWrongKey_Returns401Problem(string key)
    {
        using var app = new SampleApp();
        using var client = app.Client(key);

        var response = await client.GetAsync("/points/0006");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_WithTwoKeyHeaders_Returns401Problem()
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);
        client.DefaultRequestHeaders.Add("X-Api-Key", SampleApp.CustomerKey);

        var response = await client.GetAsync("/points/0006");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Settings_WithoutKeys_AreRefusedNamingTheSetting()
    {
        var problems = new ApiKeyOptions().Problems().ToList();

        Assert.Contains(problems, p => p.StartsWith("ApiKeys:Keys is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_WithPlainTextKeyInsteadOfHash_AreRefusedNamingTheEntry()
    {
        var options = new ApiKeyOptions();
        options.Keys.Add(new ApiKeyEntry { Name = "checkout", Role = Roles.Operator, Sha256 = SampleApp.Sha256Hex(SampleApp.OperatorKey) });
        options.Keys.Add(new ApiKeyEntry { Name = "app", Role = Roles.Customer, CustomerId = "0006", Sha256 = SampleApp.CustomerKey });

        var problem = Assert.Single(options.Problems());

        Assert.StartsWith("ApiKeys:Keys:1:Sha256 must be the 64 hex digits", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("checkout", "admin", null)] // unknown role
    [InlineData("checkout", "customer", null)] // a customer key without its customer
    [InlineData("checkout", "customer", "../0006")]
    [InlineData("", "operator", null)]
    public void Settings_WithABadEntry_AreRefused(string name, string role, string? customerId)
    {
        var options = new ApiKeyOptions();
        options.Keys.Add(new ApiKeyEntry { Name = name, Role = role, CustomerId = customerId, Sha256 = SampleApp.Sha256Hex("k") });

        Assert.NotEmpty(options.Problems());
    }
}
