using Loyalty.Core.Pipeline;
using Loyalty.Core.Reporting;
using Loyalty.Core.Simulation;

namespace Loyalty.Cli.Demo;

/// <summary>Where a demo run is: the stage, how far it is (in the stage's own unit), and a detail for people.</summary>
internal readonly record struct DemoProgress(string Stage, double Done, double Total, string Detail);

/// <summary>Wall time of one stage.</summary>
internal sealed record StageTiming(string Stage, double Seconds);

/// <summary>Everything a demo run produced. Immutable.</summary>
/// <param name="Options">The settings.</param>
/// <param name="Store">"sqlite:PATH" or "memory".</param>
/// <param name="Transactions">Transactions simulated (and stored).</param>
/// <param name="Pipeline">RFM, segments, CLV and the reward plan.</param>
/// <param name="BanditRuns">Thompson, oracle and random on the same simulated traffic.</param>
/// <param name="Uplift">Treated against holdout, overall, per reward and per segment.</param>
/// <param name="Recommendations">Example top-3 items.</param>
/// <param name="Timings">Wall time per stage, in order.</param>
/// <param name="ReportPath">The HTML report written.</param>
internal sealed record DemoResult(
    DemoOptions Options,
    string Store,
    long Transactions,
    PipelineResult Pipeline,
    IReadOnlyList<SimulationResult> BanditRuns,
    IReadOnlyList<LabelledUplift> Uplift,
    IReadOnlyList<CustomerRecommendations> Recommendations,
    IReadOnlyList<StageTiming> Timings,
    string ReportPath)
{
    /// <summary>Total wall time.</summary>
    internal double Seconds => Timings.Sum(t => t.Seconds);
}
