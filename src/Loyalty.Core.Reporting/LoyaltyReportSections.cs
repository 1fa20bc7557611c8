using System.Globalization;

namespace Loyalty.Core.Reporting;

/// <summary>The sections of <see cref="LoyaltyReport"/>, one method each, from the report input.</summary>
internal sealed class LoyaltyReportSections
{
    private readonly LoyaltyReportInput _input;
    private readonly string _unit;
    private readonly int _stride;
    private readonly List<CustomerSummary> _sample;
    private readonly Dictionary<CustomerId, int> _segmentOf = [];
    private readonly Dictionary<CustomerId, ClvEstimate> _clvOf = [];

    /// <summary>Draws the scatter sample once: every n-th customer in id order. Only the sampled (and the
    /// recommended) customers are looked up, so a base of millions costs one pass over each list, not a dictionary
    /// of millions.</summary>
    internal LoyaltyReportSections(LoyaltyReportInput input)
    {
        _input = input;
        _unit = input.TimeUnit switch
        {
            TimeUnit.Day => "days",
            TimeUnit.Week => "weeks",
            _ => "months",
        };
        var summaries = input.Pipeline.Rfm.Summaries;
        _stride = Math.Max(1, (int)Math.Ceiling(summaries.Count / (double)input.MaxScatterPoints));
        _sample = [];
        for (int i = 0; i < summaries.Count; i += _stride)
        {
            _sample.Add(summaries[i]);
        }

        var wanted = _sample.Select(s => s.CustomerId).Concat(input.Recommendations.Select(r => r.CustomerId)).ToHashSet();
        foreach (var a in input.Pipeline.Assignments)
        {
            if (wanted.Contains(a.CustomerId))
            {
                _segmentOf[a.CustomerId] = a.SegmentId;
            }
        }

        foreach (var v in input.Pipeline.Clv)
        {
            if (wanted.Contains(v.CustomerId))
            {
                _clvOf[v.CustomerId] = v;
            }
        }
    }

    internal static string SegmentName(int id) => "Segment " + id.ToString(CultureInfo.InvariantCulture);

    internal void Overview(HtmlReport report)
    {
        var p = _input.Pipeline;
        report.Section("overview", "Run");
        var facts = new List<IReadOnlyList<string>>(_input.Facts.Select(f => (IReadOnlyList<string>)[f.Key, f.Value]))
        {
            new[] { "customers summarised", Markup.Label(p.Rfm.Summaries.Count, 0) },
            new[] { "purchase model", p.PurchaseModel is { } m ? $"{m.Name} ({string.Join(", ", m.Parameters.Select(kv => $"{kv.Key} = {Markup.Label(kv.Value)}"))})" : "not fitted" },
        };
        report.Table("facts", ["fact", "value"], facts);
    }

    internal void Segments(HtmlReport report)
    {
        report.Section("segments", "Segments");
        var profiles = _input.Pipeline.SegmentProfiles;
        if (profiles.Count == 0)
        {
            report.Paragraph("The run did not segment customers.", note: true);
            return;
        }

        report.Paragraph($"k-means on time since the last purchase, repeat purchases and mean repeat spend (log1p, then standardised); means in the original units ({_unit}, purchases, money).");
        report.Table("segments", ["segment", "customers", "share", $"{_unit} since last purchase", "repeat purchases", "mean repeat spend", "most common RFM segment"],
            profiles.Select(s => (IReadOnlyList<string>)
            [
                SegmentName(s.SegmentId), Markup.Label(s.Size, 0), Markup.Label(100 * s.Share, 1) + "%",
                Mean(s.Mean, 0), Mean(s.Mean, 1), Mean(s.Mean, 2),
                s.TopName is null ? "" : $"{s.TopName} ({Markup.Label(100 * s.TopNameShare, 0)}%)",
            ]));
    }

    internal void Scatter(HtmlReport report)
    {
        report.Section("scatter", "Customers by recency and frequency");
        var sample = _sample.Where(s => _segmentOf.ContainsKey(s.CustomerId)).ToList();
        if (sample.Count == 0)
        {
            report.Paragraph("No segmented customers to draw.", note: true);
            return;
        }

        string svg = ScatterChart.Render(
            new ChartText("Customers by recency and frequency, coloured by segment", $"{_unit} since last purchase (T − t_x)", "repeat purchases (x)"),
            sample.Select(s => s.T - s.Recency).ToList(), sample.Select(s => (double)s.Frequency).ToList(),
            sample.Select(s => SegmentName(_segmentOf[s.CustomerId])).ToList(),
            _input.Pipeline.SegmentProfiles.Select(p => SegmentName(p.SegmentId)).ToList());
        report.Chart(svg, SampleCaption(sample.Count, _input.Pipeline.Assignments.Count));
    }

    internal void Clv(HtmlReport report)
    {
        report.Section("clv", "Customer lifetime value");
        var values = _input.Pipeline.Clv.Select(v => v.Clv).Where(double.IsFinite).OrderBy(v => v).ToList();
        if (values.Count == 0)
        {
            report.Paragraph("The run did not value customers.", note: true);
            return;
        }

        // A few very large values would squeeze everyone else into the first bar; the top 1 % are counted, not drawn.
        double cap = values[(int)Math.Floor(0.99 * (values.Count - 1))];
        var shown = values.Where(v => v <= cap).ToList();
        double horizon = _input.Pipeline.Clv[0].Horizon;
        report.Chart(Histogram.Render(new ChartText($"CLV over the next {Markup.Label(horizon, 0)} {_unit}", "CLV (money, discounted)", "customers"), shown, 40, "clv"),
            $"{Markup.Label(values.Count, 0)} customers; median {Markup.Label(values[values.Count / 2])}, mean {Markup.Label(values.Average())}, total {Markup.Label(values.Sum(), 0)}. " +
            $"{Markup.Label(values.Count - shown.Count, 0)} customers above the 99th percentile ({Markup.Label(cap)}) are left out of the chart.");
    }

    internal void Alive(HtmlReport report)
    {
        report.Section("alive", "P(alive) against recency");
        var clv = _clvOf;
        var sample = _sample.Where(s => clv.ContainsKey(s.CustomerId)).ToList();
        if (sample.Count == 0)
        {
            report.Paragraph("The run did not value customers.", note: true);
            return;
        }

        static string Band(int x) => x == 0 ? "x = 0" : x <= 2 ? "x = 1–2" : x <= 5 ? "x = 3–5" : "x ≥ 6";
        string svg = ScatterChart.Render(
            new ChartText("P(alive) against time since the last purchase, by repeat purchases", $"{_unit} since last purchase (T − t_x)", "P(alive)"),
            sample.Select(s => s.T - s.Recency).ToList(), sample.Select(s => clv[s.CustomerId].ProbabilityAlive).ToList(),
            sample.Select(s => Band(s.Frequency)).ToList(), ["x = 0", "x = 1–2", "x = 3–5", "x ≥ 6"]);
        report.Chart(svg, "Under BG/NBD a customer without repeat purchases is assumed alive; the more often a customer bought, the faster silence lowers P(alive). " + SampleCaption(sample.Count, _input.Pipeline.Clv.Count));
    }

    internal void Budget(HtmlReport report)
    {
        report.Section("budget", "Budget allocation by segment and reward");
        var plan = _input.Pipeline.Plan;
        if (plan is null || plan.Allocation.Chosen.Count == 0)
        {
            report.Paragraph("The run made no offers.", note: true);
            return;
        }

        var chosen = plan.Allocation.Chosen;
        var segments = chosen.Select(c => c.Segment ?? "none").Distinct().OrderBy(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToList();
        var rewards = chosen.Select(c => c.RewardId).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
        var series = rewards.Select(r => new BarSeries(r, segments.Select(s => chosen.Where(c => c.RewardId == r && (c.Segment ?? "none") == s).Sum(c => c.ExpectedCost)).ToList())).ToList();
        var labels = segments.Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) ? SegmentName(id) : s).ToList();
        report.Chart(BarChart.Render(new ChartText("Expected cost of the offers by segment and reward", "segment", "expected cost (money)"), labels, series, BarLayout.Stacked),
            $"{Markup.Label(plan.Offers.Count, 0)} offers, expected cost {Markup.Label(plan.Allocation.TotalCost, 0)}" +
            (_input.Budget is { } b ? $" of a budget of {Markup.Label(b, 0)}" : string.Empty) +
            $"; expected net uplift {Markup.Label(plan.Allocation.TotalUplift, 0)}. {Markup.Label(plan.NoOffer.Count, 0)} customers got no offer (opted out, not eligible, not worth it, or over budget).");
        report.Table("offers", ["reward", "offers", "expected cost"], rewards.Select(r => (IReadOnlyList<string>)
            [r, Markup.Label(chosen.Count(c => c.RewardId == r), 0), Markup.Label(chosen.Where(c => c.RewardId == r).Sum(c => c.ExpectedCost), 0)]));
    }

    internal void Bandit(HtmlReport report)
    {
        report.Section("bandit", "Bandit learning curve");
        var runs = _input.BanditRuns;
        if (runs.Count == 0)
        {
            report.Paragraph("The run simulated no bandit rounds.", note: true);
            return;
        }

        var series = runs.Select(r => new LineSeries(r.Policy, Enumerable.Range(1, r.RewardByRound.Count).Select(i => (double)i).ToList(), r.RewardByRound)).ToList();
        report.Chart(LineChart.Render(new ChartText("Responses per round: bandit against the oracle", "round", "responses"), series),
            "Every policy sees the same simulated visitors and the same response draws (common random numbers), so the gap to the oracle is due to its choices alone.");
        report.Table("bandit", ["policy", "rounds", "offers", "responses", "expected responses", "share of oracle", "regret"], runs.Select(r => (IReadOnlyList<string>)
        [
            r.Policy, Markup.Label(r.Rounds, 0), Markup.Label(r.Decisions, 0), Markup.Label(r.TotalReward, 0), Markup.Label(r.ExpectedReward, 0),
            Markup.Label(r.OracleReward > 0 ? 100 * r.ExpectedReward / r.OracleReward : 0, 1) + "%", Markup.Label(r.Regret, 0),
        ]));
    }

    internal void Uplift(HtmlReport report)
    {
        report.Section("uplift", "Uplift against the holdout");
        if (_input.Uplift.Count == 0)
        {
            report.Paragraph("The run measured no uplift.", note: true);
            return;
        }

        var estimates = _input.Uplift.Select(u => new IntervalEstimate(u.Label, u.Effect.Uplift, u.Effect.CiLow, u.Effect.CiHigh)).ToList();
        double confidence = _input.Uplift[0].Effect.Confidence;
        report.Chart(IntervalChart.Render(new ChartText($"Uplift in response rate with {Markup.Label(100 * confidence, 0)}% intervals", "group", "uplift (treated − holdout)"), estimates),
            "Response rate of customers who received their offer minus that of customers held out at random, with a normal-approximation (Welch) interval.");
        report.Table("uplift", ["group", "treated", "holdout", "treated rate", "holdout rate", "uplift", "interval"], _input.Uplift.Select(u => (IReadOnlyList<string>)
        [
            u.Label, Markup.Label(u.Effect.Treated, 0), Markup.Label(u.Effect.Control, 0), Markup.Label(u.Effect.TreatedMean, 4), Markup.Label(u.Effect.ControlMean, 4),
            Markup.Label(u.Effect.Uplift, 4), $"[{Markup.Label(u.Effect.CiLow, 4)}, {Markup.Label(u.Effect.CiHigh, 4)}]",
        ]));
    }

    internal void Recommendations(HtmlReport report)
    {
        report.Section("recommendations", "Recommendations");
        if (_input.Recommendations.Count == 0)
        {
            report.Paragraph("The run made no recommendations.", note: true);
            return;
        }

        report.Table("recommendations", ["customer", "segment", "recommended items (score)"], _input.Recommendations.Select(r => (IReadOnlyList<string>)
        [
            r.CustomerId.Value, _segmentOf.TryGetValue(r.CustomerId, out int s) ? SegmentName(s) : "",
            string.Join(", ", r.Items.Select(i => $"{i.Item} ({Markup.Label(i.Score)})")),
        ]));
    }

    private string SampleCaption(int shown, int total) => shown == total
        ? $"All {Markup.Label(total, 0)} customers."
        : $"{Markup.Label(shown, 0)} of {Markup.Label(total, 0)} customers (every {Markup.Label(_stride, 0)}-th in id order).";

    private static string Mean(IReadOnlyList<double> means, int column) => column < means.Count ? Markup.Label(means[column]) : "";
}
