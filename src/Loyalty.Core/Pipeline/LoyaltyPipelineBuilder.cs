using Loyalty.Core.Collection;
using Loyalty.Core.Feedback.Bandits;
using Loyalty.Core.Features;
using Loyalty.Core.Validation;

namespace Loyalty.Core.Pipeline;

/// <summary>
/// Wires the engines into one run: collect → RFM → segment → value → reward → record. Each step takes immutable
/// options; <see cref="Build"/> validates everything once and reports every problem in one exception. The builder
/// can build once; the pipeline it builds can run many times. The pipeline adds wiring, not logic: every stage is a
/// public engine usable on its own.
/// </summary>
/// <remarks>Thread safety: not thread-safe; configure it on one thread, then share the pipeline it builds.</remarks>
public sealed class LoyaltyPipelineBuilder
{
    private readonly List<Customer> _customers = [];
    private ITransactionSource? _source;
    private (string Path, TransactionFileOptions? Options)? _file;
    private RfmOptions? _rfm;
    private SegmentationStepOptions? _segmentation;
    private ClvStepOptions? _clv;
    private RewardStepOptions? _rewards;
    private IFeedbackSink? _feedback;
    private BanditRewardLearner? _bandit;
    private TimeProvider _time = TimeProvider.System;
    private ILoyaltyStore? _store;
    private bool _assumeConsentWithoutRecord;
    private bool _built;

    internal LoyaltyPipelineBuilder()
    {
    }

    /// <summary>Collects transactions from any source (a database reader, a queue, a file source).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public LoyaltyPipelineBuilder CollectFrom(ITransactionSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        return this;
    }

    /// <summary>Collects transactions from a CSV or CDNOW file on the fast, allocation-free path.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Its layout; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    public LoyaltyPipelineBuilder CollectFromFile(string path, TransactionFileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _file = (path, options);
        return this;
    }

    /// <summary>Tells the pipeline about customers' privacy choices: opted-out customers are kept out of
    /// segmentation, valuation and offers; customers without consent get no offer.</summary>
    /// <summary>Keeps the program in a durable store: the collected transactions (if a source is given) are
    /// ingested into it idempotently, RFM summaries are computed by the store's database, customer records (consent,
    /// opt-out) come from it, and issued offers are recorded in it unless another feedback sink is given.</summary>
    /// <remarks>Without a source, the pipeline summarises what the store already holds. The store's summaries use
    /// stored customer ids (pseudonyms when the store pseudonymises); the RFM options need an explicit
    /// calibration end, and returns are left out of the summaries.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public LoyaltyPipelineBuilder UseStore(ILoyaltyStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        return this;
    }

    /// <summary>Customer records: consent, opt-out and attributes, keyed by customer id as the host knows it (with
    /// <see cref="UseStore"/>, the pipeline maps them to the store's ids).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    public LoyaltyPipelineBuilder WithCustomers(IEnumerable<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        _customers.AddRange(customers);
        return this;
    }

    /// <summary>Treats customers for whom the pipeline has no record (neither from <see cref="WithCustomers"/> nor
    /// from the store) as having consented to marketing and not objected to profiling. Off by default: consent is
    /// opt-in, and a customer without a record gets no offer.</summary>
    /// <remarks>For hosts whose consent is collected elsewhere and whose data only holds consenting customers (or
    /// for simulated data, as the CLI demo does). A record that exists always decides, whatever this says.</remarks>
    /// <param name="assume">True to assume consent for customers without a record.</param>
    public LoyaltyPipelineBuilder AssumeConsentWithoutRecord(bool assume = true)
    {
        _assumeConsentWithoutRecord = assume;
        return this;
    }

    /// <summary>Summarises the transactions (required).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public LoyaltyPipelineBuilder SummarizeRfm(RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rfm = options;
        return this;
    }

    /// <summary>Segments customers with k-means.</summary>
    public LoyaltyPipelineBuilder Segment(SegmentationStepOptions? options = null)
    {
        _segmentation = options ?? new SegmentationStepOptions();
        return this;
    }

    /// <summary>Fits a purchase model and Gamma-Gamma spend, and values every customer.</summary>
    public LoyaltyPipelineBuilder EstimateClv(ClvStepOptions? options = null)
    {
        _clv = options ?? new ClvStepOptions();
        return this;
    }

    /// <summary>Plans offers under a budget.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public LoyaltyPipelineBuilder DesignRewards(RewardStepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rewards = options;
        return this;
    }

    /// <summary>Records an "issued" feedback event for every offer.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sink"/> is null.</exception>
    public LoyaltyPipelineBuilder RecordFeedbackTo(IFeedbackSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _feedback = sink;
        return this;
    }

    /// <summary>Lets a bandit choose each offered customer's reward (exploring to learn which reward works per
    /// segment), while the budget step still decides who gets an offer: the budget is reserved at the dearest of the
    /// bandit's rewards, so whatever it picks, the budget holds. Issued events go to the learner, which forwards them
    /// to its inner sink; record later feedback through the learner too, so it learns which rewards succeed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="learner"/> is null.</exception>
    public LoyaltyPipelineBuilder OptimizeWith(BanditRewardLearner learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        _bandit = learner;
        return this;
    }

    /// <summary>Uses <paramref name="time"/> for event timestamps (tests pass a fixed clock).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="time"/> is null.</exception>
    public LoyaltyPipelineBuilder UseTimeProvider(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        return this;
    }

    /// <summary>Validates every step and builds the pipeline.</summary>
    /// <exception cref="ArgumentException">Every problem found, in one message.</exception>
    /// <exception cref="InvalidOperationException">The builder was already built.</exception>
    public LoyaltyPipeline Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("This builder has already built a pipeline; create a new builder.");
        }

        var v = new OptionsValidator(nameof(LoyaltyPipelineBuilder));
        CollectBuilderErrors(v);
        if (_file?.Options is { } fileOptions)
        {
            fileOptions.Collect(v.For(nameof(TransactionFileOptions)));
        }

        if (v.Require(_rfm is not null, "SummarizeRfm", "is required: the RFM step cannot be left out"))
        {
            _rfm!.Collect(v.For(nameof(RfmOptions)));
        }

        _segmentation?.Collect(v.For(nameof(SegmentationStepOptions)));
        var unit = _rfm is not null && Enum.IsDefined(_rfm.TimeUnit) ? _rfm.TimeUnit : TimeUnit.Week;
        _clv?.Collect(v.For(nameof(ClvStepOptions)), unit);
        _rewards?.Collect(v.For(nameof(RewardStepOptions)));
        v.ThrowIfInvalid(paramName: null);
        _built = true;
        // Offers planned from the store name customers by stored ids, which the store must not key again.
        var feedback = _store is not null && ReferenceEquals(_feedback, _store) ? _store.StoredIdFeedback : _feedback;
        feedback ??= _store is not null && _rewards is not null && _bandit is null ? _store.StoredIdFeedback : null;
        return new LoyaltyPipeline(new PipelineDefinition(
            _source, _file, _customers.ToDictionary(c => c.Id), _rfm!, _segmentation, _clv, _rewards, feedback, _bandit, _time, _store)
        {
            AssumeConsentWithoutRecord = _assumeConsentWithoutRecord,
        });
    }

    /// <summary>The builder's own rules: which steps go together.</summary>
    private void CollectBuilderErrors(OptionsValidator v)
    {
        v.Require(_source is null || _file is null, "CollectFrom", "must not be combined with CollectFromFile: call only one of them");
        v.Require(_source is not null || _file is not null || _store is not null, "CollectFrom",
            "is required: call one of CollectFrom(source), CollectFromFile(path) or UseStore(store)");
        if (_store is not null && _rfm is not null)
        {
            v.Require(_rfm.CalibrationEnd is not null, "UseStore",
                "needs RfmOptions.CalibrationEnd set explicitly: the store does not guess the last purchase day");
            v.Require(_rfm.Cleaning is not { Returns: ReturnPolicy.Net or ReturnPolicy.Keep }, "UseStore",
                "needs ReturnPolicy.Drop or Reject: summaries computed in the store leave returns out");
        }

        v.Require(_feedback is null || _rewards is not null, "RecordFeedbackTo", "needs DesignRewards: there are no offers to record without it");
        if (_bandit is not null)
        {
            v.Require(_feedback is null, "OptimizeWith",
                "must not be combined with RecordFeedbackTo: give the feedback sink to the BanditRewardLearner as its inner sink, so every event passes through the learner once");
            if (v.Require(_rewards is not null, "OptimizeWith", "needs DesignRewards: the bandit chooses among rewards"))
            {
                var unknown = _bandit.Policy.Arms.Where(a => !_rewards!.Catalogue.Rewards.Any(r => r.Id == a)).ToList();
                v.Require(unknown.Count == 0 && _bandit.Policy.Arms.Count > 0, "OptimizeWith",
                    $"needs every bandit arm to be a reward id of the catalogue (unknown: {string.Join(", ", unknown)})");
            }
        }

        // With a store, messages name customers by stored id: the store may pseudonymise, and raw ids stay out of errors.
        var duplicates = _customers.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => $"'{(_store is null ? g.Key : _store.ToStoredId(g.Key))}'").Take(5).ToList();
        v.Require(duplicates.Count == 0, "WithCustomers", $"must list each customer once (listed twice: {string.Join(", ", duplicates)})");
    }
}

/// <summary>Everything a pipeline run needs, fixed at build time.</summary>
internal sealed record PipelineDefinition(
    ITransactionSource? Source,
    (string Path, TransactionFileOptions? Options)? File,
    IReadOnlyDictionary<CustomerId, Customer> Customers,
    RfmOptions Rfm,
    SegmentationStepOptions? Segmentation,
    ClvStepOptions? Clv,
    RewardStepOptions? Rewards,
    IFeedbackSink? Feedback,
    BanditRewardLearner? Bandit,
    TimeProvider Time,
    ILoyaltyStore? Store)
{
    /// <summary>True when customers without a record count as consenting (see
    /// <see cref="LoyaltyPipelineBuilder.AssumeConsentWithoutRecord"/>).</summary>
    internal bool AssumeConsentWithoutRecord { get; init; }
}
