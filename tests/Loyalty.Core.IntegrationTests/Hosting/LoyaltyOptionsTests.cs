using System.Text.RegularExpressions;
using Loyalty.Core.Hosting;
using Loyalty.Core.Lifetime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Loyalty.Core.Tests.Hosting;

public sealed class LoyaltyOptionsTests
{
    // Core's own sentence for the rate, as ClvOptions reports it: "MonthlyDiscountRate must be ... (was -0.5)".
    private static string CoreDiscountRateError(double rate)
    {
        var message = Assert.Throws<ArgumentException>(new ClvOptions { MonthlyDiscountRate = rate }.Validate).Message;
        return Regex.Match(message, @"MonthlyDiscountRate must [^(]*\(was [^)]*\)").Value is { Length: > 0 } sentence
            ? sentence
            : throw new InvalidOperationException("Core's message has no sentence about MonthlyDiscountRate: " + message);
    }

    [Fact]
    public void Problems_Defaults_AreNone() => Assert.Empty(new LoyaltyOptions().Problems());

    [Fact]
    public void Problems_NegativeDiscountRate_ReportsCoresRule()
    {
        // Hosting used to accept any rate above -1 while Core requires >= 0; it now asks Core.
        var problems = new LoyaltyOptions { MonthlyDiscountRate = -0.5 }.Problems();

        var problem = Assert.Single(problems);
        Assert.Contains("ClvStepOptions." + CoreDiscountRateError(-0.5), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLoyalty_NegativeDiscountRate_FailsStartUpValidationWithCoresMessage()
    {
        using var provider = new ServiceCollection()
            .AddLoyalty(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Loyalty:MonthlyDiscountRate"] = "-0.5" })
                .Build().GetSection(LoyaltyOptions.SectionName))
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LoyaltyOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("ClvStepOptions." + CoreDiscountRateError(-0.5), StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_LedgerSettings_ReportedByLedgerOptions()
    {
        var problems = new LoyaltyOptions { PointsPendingDays = -1, PointsExpiryDays = 0, PointValue = -1m }.Problems();

        var problem = Assert.Single(problems);
        Assert.Contains("LedgerOptions.PendingPeriod must be >= 0", problem, StringComparison.Ordinal);
        Assert.Contains("LedgerOptions.ExpiryPeriod must be > 0", problem, StringComparison.Ordinal);
        Assert.Contains("LedgerOptions.PointValue must be >= 0", problem, StringComparison.Ordinal);
    }
}
