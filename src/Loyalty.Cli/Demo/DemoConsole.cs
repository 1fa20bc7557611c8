using System.Globalization;
using Loyalty.Cli.Infrastructure;
using Spectre.Console;

namespace Loyalty.Cli.Demo;

/// <summary>What people see of a demo run: live progress bars and tables on a terminal, plain lines and
/// plain-text tables when the output is redirected. With --json only the JSON object goes to stdout.</summary>
internal static class DemoConsole
{
    /// <summary>Runs the demo with live progress bars (one per stage) on an interactive terminal.</summary>
    internal static async Task<DemoResult> RunWithBarsAsync(DemoRunner runner, IAnsiConsole console, CancellationToken cancellationToken)
    {
        DemoResult? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = DemoRunner.Stages.ToDictionary(s => s, s => context.AddTask(s, autoStart: false, maxValue: 1));
                var progress = new SynchronousProgress<DemoProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Stage, out var task))
                    {
                        return;
                    }

                    task.StartTask();
                    task.Description = $"{p.Stage}: {Markup.Escape(p.Detail)}";
                    task.Value = p.Total > 0 ? Math.Min(1, p.Done / p.Total) : 0;
                    if (p.Detail == "done")
                    {
                        task.Description = p.Stage;
                        task.Value = 1;
                        task.StopTask();
                    }
                });
                result = await runner.RunAsync(progress, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }

    /// <summary>Runs the demo printing one plain line per finished stage to <paramref name="log"/>.</summary>
    internal static Task<DemoResult> RunPlainAsync(DemoRunner runner, TextWriter log, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var progress = new SynchronousProgress<DemoProgress>(p =>
        {
            if (p.Detail == "done")
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo: {p.Stage} done ({(DateTime.UtcNow - started).TotalSeconds:0.0} s elapsed)"));
            }
        });
        return runner.RunAsync(progress, cancellationToken);
    }

    /// <summary>Tables of the results.</summary>
    internal static void PrintTables(IAnsiConsole console, DemoResult demo)
    {
        var p = demo.Pipeline;
        console.MarkupLine($"[bold]loyalty demo[/] — {demo.Options.Customers:N0} customers, {demo.Transactions:N0} transactions, store {Markup.Escape(demo.Store)}");

        var segments = new Table().Title("segments (k-means)").AddColumns("segment", "customers", "share", "weeks since last purchase", "repeat purchases", "mean repeat spend", "most common RFM segment");
        foreach (var s in p.SegmentProfiles)
        {
            segments.AddRow(s.SegmentId.ToString(CultureInfo.InvariantCulture), N(s.Size), P(s.Share), F(s.Mean[0]), F(s.Mean[1]), F(s.Mean[2]), Markup.Escape(s.TopName ?? ""));
        }

        console.Write(segments);
        if (p.Clv.Count > 0)
        {
            var values = p.Clv.Select(v => v.Clv).OrderBy(v => v).ToArray();
            console.MarkupLine($"CLV ({p.PurchaseModel?.Name} + gamma-gamma, 52 weeks): median {F(values[values.Length / 2])}, mean {F(values.Average())}, total {N(values.Sum())}");
        }

        if (p.Plan is { } plan)
        {
            var offers = new Table().Title($"offers under a budget of {N(demo.Options.EffectiveBudget)}").AddColumns("reward", "offers", "expected cost");
            foreach (var group in plan.Allocation.Chosen.GroupBy(c => c.RewardId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                offers.AddRow(Markup.Escape(group.Key), N(group.Count()), F(group.Sum(c => c.ExpectedCost)));
            }

            console.Write(offers);
        }

        var bandit = new Table().Title($"bandit rounds ({demo.Options.Rounds} rounds, same simulated traffic)").AddColumns("policy", "responses", "expected", "share of oracle", "regret");
        foreach (var r in demo.BanditRuns)
        {
            bandit.AddRow(r.Policy, N(r.TotalReward), F(r.ExpectedReward), P(r.OracleReward > 0 ? r.ExpectedReward / r.OracleReward : 0), F(r.Regret));
        }

        console.Write(bandit);
        var uplift = new Table().Title("uplift against the holdout (95% interval)").AddColumns("group", "treated", "holdout", "uplift", "interval");
        foreach (var u in demo.Uplift)
        {
            uplift.AddRow(Markup.Escape(u.Label), N(u.Effect.Treated), N(u.Effect.Control), F(u.Effect.Uplift, 4), $"[[{F(u.Effect.CiLow, 4)}, {F(u.Effect.CiHigh, 4)}]]");
        }

        console.Write(uplift);
        var timings = new Table().Title("stages").AddColumns("stage", "seconds");
        foreach (var t in demo.Timings)
        {
            timings.AddRow(t.Stage, F(t.Seconds));
        }

        timings.AddRow("[bold]total[/]", F(demo.Seconds));
        console.Write(timings);
        console.MarkupLine($"Report: [link]{Markup.Escape(demo.ReportPath)}[/]");
    }

    /// <summary>The run as the command's JSON object.</summary>
    internal static object Json(DemoResult demo)
    {
        var p = demo.Pipeline;
        var values = p.Clv.Select(v => v.Clv).OrderBy(v => v).ToArray();
        return new
        {
            customers = demo.Options.Customers,
            transactions = demo.Transactions,
            summaries = p.Rfm.Summaries.Count,
            store = demo.Store,
            report = demo.ReportPath,
            seed = demo.Options.Seed,
            budget = demo.Options.EffectiveBudget,
            segments = p.SegmentProfiles.Select(s => new { id = s.SegmentId, size = s.Size, share = s.Share, mean = s.Mean }),
            clv = new { model = p.PurchaseModel?.Name, parameters = p.PurchaseModel?.Parameters, median = values.Length > 0 ? values[values.Length / 2] : 0, mean = values.Length > 0 ? values.Average() : 0, total = values.Sum() },
            offers = p.Plan?.Offers.Count ?? 0,
            expectedCost = p.Plan?.Allocation.TotalCost ?? 0,
            bandit = demo.BanditRuns.Select(r => new { policy = r.Policy, rounds = r.Rounds, totalReward = r.TotalReward, expectedReward = r.ExpectedReward, oracleReward = r.OracleReward, regret = r.Regret }),
            uplift = demo.Uplift.Select(u => new { label = u.Label, treated = u.Effect.Treated, control = u.Effect.Control, uplift = u.Effect.Uplift, ciLow = u.Effect.CiLow, ciHigh = u.Effect.CiHigh }),
            recommendations = demo.Recommendations.Select(r => new { customer = r.CustomerId.Value, items = r.Items.Select(i => i.Item) }),
            stages = demo.Timings.ToDictionary(t => t.Stage, t => t.Seconds),
            seconds = demo.Seconds,
        };
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, int decimals = 2) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string P(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
}
