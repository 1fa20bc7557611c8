using System.Globalization;
using System.Text.RegularExpressions;
using Loyalty.Core.Collection;
using Loyalty.Core.Feedback.Uplift;
using Loyalty.Core.Features;
using Loyalty.Core.Pipeline;
using Loyalty.Core.Reporting;
using Loyalty.Core.Rewards;
using Loyalty.Core.Segmentation;
using Loyalty.Core.Simulation;

namespace Loyalty.Core.Tests.Reporting;

public sealed class LoyaltyReportTests
{
    private static readonly Lazy<PipelineResult> Cdnow = new(() => LoyaltyPipeline.CreateBuilder()
        .CollectFromFile(TestData.Bundled("cdnow", "CDNOW_sample.txt"), new TransactionFileOptions { Format = TransactionFileFormat.Cdnow })
        .SummarizeRfm(new RfmOptions { TimeUnit = TimeUnit.Week, CalibrationEnd = new DateTime(1997, 9, 30) })
        .Segment(new SegmentationStepOptions { KMeans = new KMeansOptions { K = 3, Seed = 1 } })
        .EstimateClv()
        .DesignRewards(new RewardStepOptions { Constraints = new AllocationConstraints { Budget = 300 } })
        .AssumeConsentWithoutRecord()
        .Build().RunAsync().GetAwaiter().GetResult());

    private static LoyaltyReportInput Full()
    {
        var simulator = new CustomerBaseSimulator(new SimulationOptions { Customers = 300, Rounds = 6, Seed = 2 });
        return new LoyaltyReportInput
        {
            Title = "CDNOW <test> & report",
            Pipeline = Cdnow.Value,
            Budget = 300,
            Facts = [new("source", "CDNOW sample")],
            BanditRuns = [simulator.Run(SimulatedPolicy.Thompson), simulator.Run(SimulatedPolicy.Oracle)],
            Uplift = [new LabelledUplift("all offers", TreatmentEffect.Compare([1, 0, 1, 1], [0, 0, 1, 0]))],
            Recommendations = [new CustomerRecommendations("0001", [new ScoredItem("P1", 0.5f)])],
            MaxScatterPoints = 500,
        };
    }

    [Fact]
    public void Render_FullInput_HasEverySectionAndChart()
    {
        string html = LoyaltyReport.Render(Full());

        foreach (string section in new[] { "overview", "segments", "scatter", "clv", "alive", "budget", "bandit", "uplift", "recommendations" })
        {
            Assert.Contains($"data-section=\"{section}\"", html, StringComparison.Ordinal);
        }

        var kinds = Regex.Matches(html, "data-chart=\"([a-z-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["scatter", "histogram", "scatter", "stacked-bar", "line", "interval"], kinds);
        Assert.Contains("data-series=\"thompson\"", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"oracle\"", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "<g data-series=\"Segment \\d\" data-count"));
    }

    [Fact]
    public void Render_LargeBase_SubsamplesScattersDeterministically()
    {
        string html = LoyaltyReport.Render(Full());

        // 2,357 customers, at most 500 points: every 5th customer, 472 points per scatter.
        var counts = Regex.Matches(html, "data-count=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(472, counts.Take(3).Sum());
        Assert.Contains("472 of 2,357 customers (every 5-th in id order)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Always_IsSelfContainedEscapedAndDeterministic()
    {
        string html = LoyaltyReport.Render(Full());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<title>CDNOW &lt;test&gt; &amp; report</title>", html, StringComparison.Ordinal);
        Assert.Equal(html, LoyaltyReport.Render(Full()));
    }

    [Fact]
    public void Render_CommaDecimalCulture_SameBytes()
    {
        string invariant = LoyaltyReport.Render(Full());
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
            Assert.Equal(invariant, LoyaltyReport.Render(Full()));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Render_PipelineOnly_SaysWhatWasNotRun()
    {
        string html = LoyaltyReport.Render(new LoyaltyReportInput { Pipeline = Cdnow.Value });

        Assert.Contains("The run simulated no bandit rounds.", html, StringComparison.Ordinal);
        Assert.Contains("The run measured no uplift.", html, StringComparison.Ordinal);
        Assert.Contains("The run made no recommendations.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsThemAllAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => LoyaltyReport.Render(Full() with { Title = " ", MaxScatterPoints = 1, Budget = double.NaN }));

        Assert.Equal("input", ex.ParamName);
        Assert.StartsWith("Invalid options (3 errors):", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LoyaltyReportInput.Title", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LoyaltyReportInput.MaxScatterPoints", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LoyaltyReportInput.Budget", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_BlankPath_ThrowsNamingThePath()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => LoyaltyReport.WriteAsync(Full(), " "));
        Assert.Equal("path", ex.ParamName);
    }
}
