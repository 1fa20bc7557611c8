using Microsoft.Playwright;

namespace Loyalty.Core.Tests.Cli;

/// <summary>
/// Opens the demo's report in headless Chromium with JavaScript off, as a reader would, and checks that every chart
/// rendered with its series. The full-page screenshot is kept under TestResults/artifacts. Needs Debian's chromium
/// (CI installs it: .ci/setup.d/20-chromium.sh); LOYALTY_CHROMIUM names another binary; without one the test is
/// skipped (see <see cref="ExternalResource"/>). No network is used.
/// </summary>
public sealed class DemoReportBrowserTests : IClassFixture<ExternalResourceLog>
{
    [SkippableFact]
    public async Task Report_InHeadlessChromium_EveryChartRendersWithItsSeries()
    {
        string chromium = ExternalResource.RequireChromium();
        var run = DemoRun.Small;
        Assert.True(run.Exit == 0, run.Stderr);
        int segments = run.Json.GetProperty("segments").GetArrayLength();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"], // CI runs as root in a container
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(run.Report).AbsoluteUri);

        var charts = page.Locator("svg[data-chart]");
        Assert.Equal(6, await charts.CountAsync()); // two scatters, histogram, stacked bars, lines, intervals
        for (int i = 0; i < 6; i++)
        {
            var box = await charts.Nth(i).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 100 && box.Height > 100, $"chart {i} ({await charts.Nth(i).GetAttributeAsync("data-chart")}) is {box.Width} × {box.Height}");
        }

        Assert.Equal(2, await page.Locator("svg[data-chart=scatter]").CountAsync());
        var segmentScatter = page.Locator("#scatter svg[data-chart=scatter]");
        Assert.Equal(segments, await segmentScatter.Locator("g[data-series]:not([data-role])").CountAsync());
        Assert.True(await segmentScatter.Locator("circle").CountAsync() >= 700);
        Assert.True(await page.Locator("#alive svg[data-chart=scatter] circle").CountAsync() >= 700);
        Assert.Equal(40, await page.Locator("svg[data-chart=histogram] g[data-series=clv] rect").CountAsync());
        Assert.True(await page.Locator("svg[data-chart=stacked-bar] g[data-series]:not([data-role]) rect").CountAsync() > 0);
        foreach (string policy in new[] { "thompson", "oracle", "random" })
        {
            var line = page.Locator($"svg[data-chart=line] path[data-series={policy}]");
            Assert.Equal(1, await line.CountAsync());
            var box = await line.BoundingBoxAsync();
            Assert.True(box is { Width: > 100 }, $"the {policy} line is not drawn across the plot");
        }

        Assert.True(await page.Locator("svg[data-chart=interval] g[data-series] circle[data-role=estimate]").CountAsync() >= 1);
        var dot = await page.Locator("svg[data-chart=interval] circle[data-role=estimate]").First.BoundingBoxAsync();
        Assert.True(dot is { Width: > 0, Height: > 0 });

        string artifacts = Path.Combine(TestData.RepoRoot, "TestResults", "artifacts");
        Directory.CreateDirectory(artifacts);
        string screenshot = Path.Combine(artifacts, "demo-report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }
}
