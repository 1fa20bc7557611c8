using System.Net;
using Microsoft.Extensions.Options;

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
    public void Startup_WithoutKeys_FailsNamingTheSetting()
    {
        using var app = new SampleApp(withKeys: false);

        var ex = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("ApiKeys:Keys is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_WithPlainTextKeyInsteadOfHash_FailsNamingTheSetting()
    {
        using var app = new SampleApp(new Dictionary<string, string?> { ["ApiKeys:Keys:0:Sha256"] = SampleApp.OperatorKey });

        var ex = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("ApiKeys:Keys:0:Sha256 must be the 64 hex digits", ex.Message, StringComparison.Ordinal);
    }
}
