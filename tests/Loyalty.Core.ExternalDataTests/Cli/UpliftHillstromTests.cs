using System.Text.Json;

namespace Loyalty.Core.Tests.Cli;

/// <summary>The uplift command on the Hillstrom (MineThatData 2008) e-mail experiment, end to end.</summary>
public sealed class UpliftHillstromTests : IClassFixture<ExternalResourceLog>
{
    [SkippableFact]
    [Trait("Category", "External")]
    public void Uplift_HillstromWomensVisit_PrintsPublishedEffectAndQini()
    {
        var (exit, stdout, stderr) = CliHarness.Run("uplift", "--input", TestData.Shared("hillstrom", "hillstrom.csv"),
            "--treatment-column", "segment", "--treatment", "Womens E-Mail", "--control", "No E-Mail", "--outcome-column", "visit",
            "--feature-columns", "newbie,channel", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(21_387, root.GetProperty("treated").GetInt64());
        Assert.Equal(21_306, root.GetProperty("control").GetInt64());
        Assert.Equal(0.15140, root.GetProperty("treatedRate").GetDouble(), 1e-5);
        Assert.Equal(0.10617, root.GetProperty("controlRate").GetDouble(), 1e-5);
        Assert.Equal(0.045233, root.GetProperty("uplift").GetDouble(), 1e-4);
        Assert.True(root.GetProperty("ciLow").GetDouble() < 0.045233 && root.GetProperty("ciHigh").GetDouble() > 0.045233);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("qini").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("auuc").ValueKind);
    }
}
