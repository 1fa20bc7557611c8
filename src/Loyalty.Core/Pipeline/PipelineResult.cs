using Loyalty.Core.Features;
using Loyalty.Core.Lifetime;
using Loyalty.Core.Rewards;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Pipeline;

/// <summary>What one pipeline run produced. Immutable; steps that were not configured leave their parts empty or null.</summary>
/// <param name="Rfm">Summaries of every customer and the data-quality report.</param>
/// <param name="RfmScores">Quintile scores and named segments of the profiled customers.</param>
/// <param name="ExcludedForPrivacy">Customers summarised but not profiled because they opted out.</param>
/// <param name="Segmentation">The fitted k-means model.</param>
/// <param name="SegmentProfiles">Each segment's size, share, feature means and medians, and most common RFM segment.</param>
/// <param name="Assignments">The segment of each profiled customer.</param>
/// <param name="PurchaseModel">The fitted purchase model.</param>
/// <param name="SpendModel">The fitted Gamma-Gamma model.</param>
/// <param name="Clv">P(alive), expected purchases, spend and CLV per profiled customer.</param>
/// <param name="Plan">The offers with explanations, and who got none and why.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record PipelineResult(
    RfmResult Rfm,
    IReadOnlyList<RfmScore> RfmScores,
    int ExcludedForPrivacy,
    KMeansModel? Segmentation,
    IReadOnlyList<SegmentProfile> SegmentProfiles,
    IReadOnlyList<SegmentAssignment> Assignments,
    IClvModel? PurchaseModel,
    GammaGammaModel? SpendModel,
    IReadOnlyList<ClvEstimate> Clv,
    RewardPlan? Plan,
    TimeSpan Elapsed)
{
    /// <summary>What the run ingested into its store (null without <c>UseStore</c> or without a source).</summary>
    public IngestResult? Ingest { get; init; }
}
