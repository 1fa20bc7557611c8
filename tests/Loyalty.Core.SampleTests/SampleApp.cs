using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Core.SampleTests;

/// <summary>
/// The WebApi sample on the in-memory test server, as deployed (Production environment: no developer pages), with
/// three test keys, a hand-moved clock and settings a test may override. Each test makes its own, so ledgers and
/// rate-limit windows never leak between tests.
/// </summary>
internal sealed class SampleApp(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool withKeys = true)
    : WebApplicationFactory<Program>
{
    public const string OperatorKey = "test-operator-key-6f1c0a9e";
    public const string CustomerKey = "test-customer-0006-key-2b7d";
    public const string OtherCustomerKey = "test-customer-0004-key-91ae";

    /// <summary>The customer <see cref="CustomerKey"/> acts for.</summary>
    public const string Customer = "0006";

    /// <summary>The customer <see cref="OtherCustomerKey"/> acts for.</summary>
    public const string OtherCustomer = "0004";

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public static Dictionary<string, string?> DefaultSettings() => new()
    {
        ["ApiKeys:Keys:0:Name"] = "checkout",
        ["ApiKeys:Keys:0:Role"] = "operator",
        ["ApiKeys:Keys:0:Sha256"] = Sha256Hex(OperatorKey),
        ["ApiKeys:Keys:1:Name"] = "customer-0006",
        ["ApiKeys:Keys:1:Role"] = "customer",
        ["ApiKeys:Keys:1:CustomerId"] = Customer,
        ["ApiKeys:Keys:1:Sha256"] = Sha256Hex(CustomerKey),
        ["ApiKeys:Keys:2:Name"] = "customer-0004",
        ["ApiKeys:Keys:2:Role"] = "customer",
        ["ApiKeys:Keys:2:CustomerId"] = OtherCustomer,
        ["ApiKeys:Keys:2:Sha256"] = Sha256Hex(OtherCustomerKey),
        // Generous by default; the rate-limit tests set their own small limit. The window is an hour so it never
        // rolls over during a test: the 429 does not depend on timing.
        ["RateLimiting:Writes:PermitLimit"] = "1000",
        ["RateLimiting:Writes:WindowSeconds"] = "3600",
    };

    public static string Sha256Hex(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A client sending <paramref name="apiKey"/> in X-Api-Key (no header when null).</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var merged = DefaultSettings();
            if (!withKeys)
            {
                merged = merged.Where(s => !s.Key.StartsWith("ApiKeys:", StringComparison.Ordinal)).ToDictionary();
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                merged[key] = value;
            }

            config.AddInMemoryCollection(merged);
        });
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(s);
        });
    }
}
