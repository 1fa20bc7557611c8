using System.Diagnostics;
using Loyalty.Core.Features;
using Loyalty.Core.Lifetime;
using Loyalty.Core.Rewards;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Pipeline;

/// <summary>
/// A built loyalty pipeline: collect → RFM → segment → value → reward → record, as configured. Immutable; each
/// <see cref="RunAsync"/> reads the source afresh and returns an immutable <see cref="PipelineResult"/>.
/// </summary>
/// <remarks>Thread safety: the pipeline holds no mutable state of its own; concurrent runs are as safe as the source, store and sinks it was built with.</remarks>
public sealed class LoyaltyPipeline
{
    private readonly PipelineDefinition _definition;

    internal LoyaltyPipeline(PipelineDefinition definition) => _definition = definition;

    /// <summary>A new, empty builder.</summary>
    public static LoyaltyPipelineBuilder CreateBuilder() => new();

    /// <summary>Runs every configured step.</summary>
    /// <param name="progress">Told when each stage starts.</param>
    /// <param name="cancellationToken">Stops the run between and inside stages.</param>
    /// <returns>Summaries, segments, values, offers with explanations, and the data-quality report.</returns>
    public async Task<PipelineResult> RunAsync(IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var d = _definition;
        var watch = Stopwatch.StartNew();
        var stages = new List<string> { "collect and summarise" };
        if (d.Segmentation is not null)
        {
            stages.Add("segment");
        }

        if (d.Clv is not null)
        {
            stages.Add("value");
        }

        if (d.Rewards is not null)
        {
            stages.Add("reward");
        }

        if (d.Feedback is not null || d.Bandit is not null)
        {
            stages.Add("record");
        }

        void Report(string stage) => progress?.Report(new PipelineProgress(stage, stages.IndexOf(stage) + 1, stages.Count));

        Report("collect and summarise");
        RfmResult rfm;
        IngestResult? ingest = null;
        IReadOnlyDictionary<CustomerId, Customer> customers = d.Customers;
        if (d.Store is { } store)
        {
            (rfm, ingest) = await StorePipeline.CollectAndSummarizeAsync(d, store, cancellationToken).ConfigureAwait(false);
            customers = await StorePipeline.CustomersAsync(d, store, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            rfm = d.File is { } file
                ? await Task.Run(() => RfmSummarizer.SummarizeFile(file.Path, file.Options, d.Rfm, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false)
                : await RfmSummarizer.SummarizeAsync(d.Source!, d.Rfm, cancellationToken).ConfigureAwait(false);
        }

        // Opted-out customers are summarised (bookkeeping) but never profiled: no scores, segments, values or offers.
        var profiled = rfm.Summaries.Where(s => !(customers.TryGetValue(s.CustomerId, out var c) && c.ProfilingOptOut)).ToArray();
        var scores = profiled.Length > 0 ? RfmScoring.Score(profiled) : [];

        KMeansModel? segmentation = null;
        IReadOnlyList<SegmentProfile> profiles = [];
        IReadOnlyList<SegmentAssignment> assignments = [];
        if (d.Segmentation is not null)
        {
            Report("segment");
            var features = SegmentationFeatures(profiled);
            segmentation = new KMeans(d.Segmentation.KMeans).Fit(features, cancellationToken: cancellationToken);
            assignments = segmentation.Assign(profiled.Select(s => s.CustomerId).ToArray(), features);
            profiles = SegmentProfiler.Profile(features, segmentation.Labels, scores.Select(s => s.Segment).ToArray());
        }

        IClvModel? purchaseModel = null;
        GammaGammaModel? spendModel = null;
        IReadOnlyList<ClvEstimate> values = [];
        if (d.Clv is not null)
        {
            Report("value");
            (purchaseModel, spendModel, values) = Value(profiled, d.Clv, d.Rfm.TimeUnit, cancellationToken);
        }

        RewardPlan? plan = null;
        if (d.Rewards is not null)
        {
            Report("reward");
            var segmentById = segmentation?.Segments.ToDictionary(s => s.Id) ?? [];
            var segmentOf = assignments.ToDictionary(a => a.CustomerId, a => segmentById.GetValueOrDefault(a.SegmentId));
            var valueOf = values.ToDictionary(v => v.CustomerId);
            var profilesForOffers = profiled.Select((s, i) => new CustomerProfile(
                s,
                segmentOf.GetValueOrDefault(s.CustomerId),
                valueOf.TryGetValue(s.CustomerId, out var v) ? v : null,
                null,
                RecordFor(s.CustomerId, customers, d.AssumeConsentWithoutRecord))).ToArray();
            plan = d.Bandit is null
                ? new RewardPlanner(d.Rewards.Catalogue, d.Rewards.Response, d.Rewards.Campaign).Plan(profilesForOffers, d.Rewards.Constraints)
                : BanditOffers.Plan(profilesForOffers, d.Rewards, d.Bandit);
        }

        // With a bandit, issued events go through its learner, which passes them on to the feedback sink.
        IFeedbackSink? sink = (IFeedbackSink?)d.Bandit ?? d.Feedback;
        if (sink is not null && plan is not null)
        {
            Report("record");
            var now = d.Time.GetUtcNow().UtcDateTime;
            foreach (var offer in plan.Offers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await sink.RecordAsync(new FeedbackEvent(offer.OfferId + ":issued", offer.CustomerId, FeedbackKind.Issued, now, offer.OfferId), cancellationToken).ConfigureAwait(false);
            }
        }

        return new PipelineResult(rfm, scores, rfm.Summaries.Count - profiled.Length, segmentation, profiles, assignments,
            purchaseModel, spendModel, values, plan, watch.Elapsed) { Ingest = ingest };
    }

    /// <summary>The customer's record; without one, a consenting record only when the host assumes consent
    /// (consent is opt-in: otherwise none, and the customer gets no offer).</summary>
    private static Customer? RecordFor(CustomerId id, IReadOnlyDictionary<CustomerId, Customer> customers, bool assumeConsent) =>
        customers.TryGetValue(id, out var customer) ? customer
        : assumeConsent ? new Customer(id, MarketingConsent: true)
        : null;

    /// <summary>Time since the last purchase, repeat purchases and mean repeat spend, per customer.</summary>
    internal static FeatureMatrix SegmentationFeatures(IReadOnlyList<CustomerSummary> summaries)
    {
        var data = new float[summaries.Count * 3];
        for (int i = 0; i < summaries.Count; i++)
        {
            var s = summaries[i];
            data[(3 * i) + 0] = (float)(s.T - s.Recency);
            data[(3 * i) + 1] = s.Frequency;
            data[(3 * i) + 2] = (float)Math.Max(0, s.MonetaryValue);
        }

        return new FeatureMatrix(data, summaries.Count, 3, ["sinceLastPurchase", "frequency", "monetaryValue"]);
    }

    private static (IClvModel, GammaGammaModel, IReadOnlyList<ClvEstimate>) Value(
        IReadOnlyList<CustomerSummary> customers, ClvStepOptions options, TimeUnit unit, CancellationToken cancellationToken)
    {
        IClvModel purchases = options.Model switch
        {
            PurchaseModelKind.ModifiedBgNbd => new ModifiedBgNbdFitter(options.Fit).Fit(customers, cancellationToken),
            PurchaseModelKind.ParetoNbd => new ParetoNbdFitter(options.Fit).Fit(customers, cancellationToken),
            _ => new BgNbdFitter(options.Fit).Fit(customers, cancellationToken),
        };

        // Gamma-Gamma needs a positive mean spend for every repeat buyer; netted returns can leave a few at zero.
        var spendable = customers.Where(c => c.Frequency == 0 || c.MonetaryValue > 0).ToArray();
        var spend = new GammaGammaFitter(options.Fit).Fit(spendable, cancellationToken);
        var calculator = new ClvCalculator(purchases, spend, options.ClvOptionsFor(unit));
        return (purchases, spend, calculator.EstimateAll(customers, cancellationToken));
    }
}
