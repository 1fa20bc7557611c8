using System.Diagnostics;
using System.Globalization;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core;
using Loyalty.Core.Features;
using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Feedback.Bandits;
using Loyalty.Core.Pipeline;
using Loyalty.Core.Reporting;
using Loyalty.Core.Rewards;
using Loyalty.Core.Segmentation;
using Loyalty.Core.Simulation;

namespace Loyalty.Cli.Demo;

/// <summary>
/// The whole demo, stage by stage: seed the store from the simulator, run the pipeline on what the store holds
/// (RFM → k-means segments → BG/NBD + Gamma-Gamma CLV → a Thompson bandit choosing rewards under the budget),
/// recommend products, simulate responses with a holdout (the bandit learns from them; uplift is measured), run
/// bandit rounds against the oracle, and write the report. Wiring only: every step is an engine of the library.
/// </summary>
internal sealed class DemoRunner
{
    /// <summary>Stage names, in order, as progress reports them (the middle four are the pipeline's own).</summary>
    internal static readonly string[] Stages = ["seed and summarise", "segment", "value", "reward", "record", "recommend", "feedback", "bandit", "report"];

    /// <summary>Customers in the bandit simulation: enough for a smooth learning curve, few enough to stay quick.</summary>
    internal const int BanditCustomers = 20_000;

    private readonly DemoOptions _options;

    internal DemoRunner(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    internal async Task<DemoResult> RunAsync(IProgress<DemoProgress>? progress, CancellationToken cancellationToken)
    {
        var o = _options;
        var timings = new List<StageTiming>();
        var watch = Stopwatch.StartNew();
        string? current = null;
        void Begin(string? stage, double total, string detail)
        {
            if (current is not null)
            {
                timings.Add(new StageTiming(current, watch.Elapsed.TotalSeconds));
                progress?.Report(new DemoProgress(current, 1, 1, "done"));
            }

            current = stage;
            watch.Restart();
            if (stage is not null)
            {
                progress?.Report(new DemoProgress(stage, 0, total, detail));
            }
        }

        var customers = new DemoCustomerBase(o.Customers, o.Seed);
        var source = new SimulatedSource(customers, new SynchronousProgress<long>(n =>
            progress?.Report(new DemoProgress(Stages[0], n, customers.ExpectedTransactions, $"{n:N0} transactions"))));
        var catalogue = RewardCatalogue.SeedExample;
        var learner = new BanditRewardLearner(new ThompsonSampling(catalogue.Rewards.Select(r => r.Id), new BanditOptions { Seed = o.Seed }));
        var now = DemoCustomerBase.End.AddDays(1);
        Begin(Stages[0], customers.ExpectedTransactions, o.StorePath is null ? "reading the simulator" : "ingesting into SQLite");
        await using var store = o.StorePath is null ? null : await DemoStore.OpenFreshAsync(o.StorePath, o.Overwrite, cancellationToken).ConfigureAwait(false);
        var builder = LoyaltyPipeline.CreateBuilder()
            .CollectFrom(source)
            .SummarizeRfm(new RfmOptions { TimeUnit = TimeUnit.Week, CalibrationEnd = DemoCustomerBase.End })
            .Segment(new SegmentationStepOptions { KMeans = new KMeansOptions { K = o.Segments, NInit = 4, Seed = o.Seed, Standardization = ScalingMethod.Log1pZScore } })
            .EstimateClv()
            .DesignRewards(new RewardStepOptions { Catalogue = catalogue, Constraints = new AllocationConstraints { Budget = o.EffectiveBudget }, Campaign = "demo" })
            .OptimizeWith(learner)
            // Simulated customers have no records; the demo treats them as consenting (a real host records consent).
            .AssumeConsentWithoutRecord()
            .UseTimeProvider(new FixedTime(now));
        if (store is not null)
        {
            // The store takes the simulated transactions (idempotent batched ingest) and computes RFM in SQL.
            builder.UseStore(store);
        }

        var result = await builder.Build().RunAsync(
            new SynchronousProgress<PipelineProgress>(p =>
            {
                if (p.Index > 1)
                {
                    Begin(p.Stage, 1, "running");
                }
            }), cancellationToken).ConfigureAwait(false);

        Begin("recommend", 1, "implicit ALS");
        var recommendations = DemoRecommendations.Run(result.Rfm.Summaries, o.Seed, 8, cancellationToken);

        // One simulated world for the feedback and the bandit rounds: the simulator's ground truth, with as many
        // segments as k-means found and one arm per catalogue reward.
        var simulator = new CustomerBaseSimulator(new SimulationOptions
        {
            Customers = Math.Min(o.Customers, BanditCustomers), Rounds = o.Rounds, Segments = o.Segments, Rewards = catalogue.Rewards.Count, Seed = o.Seed,
        });
        Begin("feedback", 1, "responses and holdout");
        var uplift = result.Plan is { } plan
            ? await DemoFeedback.RunAsync(plan, catalogue, simulator.Truth, learner, o.Seed, now, cancellationToken).ConfigureAwait(false)
            : [];

        Begin("bandit", 3, "thompson");
        var runs = new List<SimulationResult>();
        foreach (var policy in new[] { SimulatedPolicy.Thompson, SimulatedPolicy.Oracle, SimulatedPolicy.Random })
        {
            progress?.Report(new DemoProgress("bandit", runs.Count, 3, policy.ToString().ToLowerInvariant()));
            runs.Add(simulator.Run(policy, new BanditOptions { Seed = o.Seed }, cancellationToken));
        }

        Begin("report", 1, o.ReportPath);
        long transactions = result.Ingest?.Inserted ?? source.Read;
        var demo = new DemoResult(o, store is null ? "memory" : "sqlite:" + store.DataSource, transactions, result, runs, uplift, recommendations, timings, Path.GetFullPath(o.ReportPath));
        await LoyaltyReport.WriteAsync(ReportInput(demo), o.ReportPath, cancellationToken).ConfigureAwait(false);
        Begin(null, 0, string.Empty);
        return demo with { Timings = [.. timings] };
    }

    /// <summary>The report of a run (timings are those of the stages before the report).</summary>
    internal static LoyaltyReportInput ReportInput(DemoResult demo) => new()
    {
        Title = "Loyalty.Core demo",
        Pipeline = demo.Pipeline,
        Budget = demo.Options.EffectiveBudget,
        BanditRuns = demo.BanditRuns,
        Uplift = demo.Uplift,
        Recommendations = demo.Recommendations,
        Facts =
        [
            new("command", $"loyalty demo --customers {demo.Options.Customers} --seed {demo.Options.Seed}"),
            new("store", demo.Store),
            new("customers simulated", demo.Options.Customers.ToString("N0", CultureInfo.InvariantCulture)),
            new("transactions", demo.Transactions.ToString("N0", CultureInfo.InvariantCulture)),
            new("history", $"{DemoCustomerBase.Start:yyyy-MM-dd} to {DemoCustomerBase.End:yyyy-MM-dd}, summarised in weeks"),
            new("holdout", $"{DemoFeedback.HoldoutFraction:P0} of the offered customers, chosen by a stable hash"),
            .. demo.Timings.Select(t => new KeyValuePair<string, string>($"{t.Stage} (s)", t.Seconds.ToString("0.00", CultureInfo.InvariantCulture))),
        ],
    };

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(now, DateTimeKind.Utc));
    }
}
