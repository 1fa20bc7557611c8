using Loyalty.Core.Feedback.Uplift;
using Loyalty.Core.Pipeline;
using Loyalty.Core.Simulation;
using Loyalty.Core.Validation;

namespace Loyalty.Core.Reporting;

/// <summary>An uplift estimate with the name of what it measures (all offers, one reward, one segment).</summary>
/// <param name="Label">Shown under the estimate.</param>
/// <param name="Effect">Treated against holdout, with its interval.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record LabelledUplift(string Label, TreatmentEffect Effect);

/// <summary>A customer's top recommended items, for the report's example table.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Items">Best first.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record CustomerRecommendations(CustomerId CustomerId, IReadOnlyList<ScoredItem> Items);

/// <summary>What a loyalty report shows. Only <see cref="Pipeline"/> is required; sections without data say so.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record LoyaltyReportInput
{
    /// <summary>The pipeline run: summaries, segments, values and the reward plan. Required.</summary>
    public required PipelineResult Pipeline { get; init; }

    /// <summary>Page title. <value>The default value is "Loyalty.Core report".</value></summary>
    public string Title { get; init; } = "Loyalty.Core report";

    /// <summary>Facts about the run shown first (data source, seed, timings), in order. <value>The default value is empty.</value></summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];

    /// <summary>The campaign budget, shown beside the allocation; null when unknown. <value>The default value is null.</value></summary>
    public double? Budget { get; init; }

    /// <summary>Bandit runs on the same simulated traffic (e.g. Thompson, oracle, random) for the learning curve.
    /// <value>The default value is empty.</value></summary>
    public IReadOnlyList<SimulationResult> BanditRuns { get; init; } = [];

    /// <summary>Uplift estimates against the holdout. <value>The default value is empty.</value></summary>
    public IReadOnlyList<LabelledUplift> Uplift { get; init; } = [];

    /// <summary>Example recommendations. <value>The default value is empty.</value></summary>
    public IReadOnlyList<CustomerRecommendations> Recommendations { get; init; } = [];

    /// <summary>Most customers drawn in a scatter plot; larger bases are subsampled deterministically (every n-th
    /// customer in id order), so the page stays light. At least 10. <value>The default value is 3000.</value></summary>
    public int MaxScatterPoints { get; init; } = 3000;

    /// <summary>The time unit of the summaries, for axis labels. <value>The default value is week.</value></summary>
    public TimeUnit TimeUnit { get; init; } = TimeUnit.Week;

    /// <summary>Checks the input; every problem is reported in one exception.</summary>
    /// <exception cref="ArgumentException">The input is invalid; the message lists every problem.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(LoyaltyReportInput));
        v.NotNull(nameof(Pipeline), Pipeline);
        v.NotBlank(nameof(Title), Title);
        v.AtLeast(nameof(MaxScatterPoints), MaxScatterPoints, 10);
        if (Budget is { } budget)
        {
            v.NonNegative(nameof(Budget), budget);
        }

        v.Require(Facts is not null, nameof(Facts), "must not be null (use an empty list)");
        v.Require(BanditRuns is not null, nameof(BanditRuns), "must not be null (use an empty list)");
        v.Require(Uplift is not null, nameof(Uplift), "must not be null (use an empty list)");
        v.Require(Recommendations is not null, nameof(Recommendations), "must not be null (use an empty list)");
        v.ThrowIfInvalid("input");
    }
}

/// <summary>
/// Writes a loyalty run as one self-contained HTML page readable without JavaScript: segment sizes and profiles, a
/// scatter of customers by recency and frequency coloured by segment, the CLV distribution, P(alive) against
/// recency, the budget allocation by segment and reward, the bandit's learning curve against the oracle and uplift
/// with intervals. Charts are inline SVG whose elements carry data-chart and data-series attributes.
/// </summary>
/// <remarks>Deterministic: the same input gives the same bytes. Thread-safe (no shared state).</remarks>
public static class LoyaltyReport
{
    /// <summary>The page as a string.</summary>
    /// <exception cref="ArgumentException">The input is invalid.</exception>
    public static string Render(LoyaltyReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        var report = new HtmlReport(input.Title);
        var sections = new LoyaltyReportSections(input);
        sections.Overview(report);
        sections.Segments(report);
        sections.Scatter(report);
        sections.Clv(report);
        sections.Alive(report);
        sections.Budget(report);
        sections.Bandit(report);
        sections.Uplift(report);
        sections.Recommendations(report);
        return report.Render();
    }

    /// <summary>Writes the page to <paramref name="path"/> (UTF-8, created or replaced).</summary>
    /// <exception cref="ArgumentException">The path is blank or the input is invalid.</exception>
    public static async Task WriteAsync(LoyaltyReportInput input, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string html = Render(input);
        await File.WriteAllTextAsync(path, html, new System.Text.UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }
}
