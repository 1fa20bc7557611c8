using Loyalty.Core.Collection;
using Loyalty.Core.Feedback.Bandits;
using Loyalty.Core.Features;

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
    private bool _built;

    internal LoyaltyPipelineBuilder()
    {
    }

    /// <summary>Collects transactions from any source (a database reader, a queue, a file source).</summary>
    public LoyaltyPipelineBuilder CollectFrom(ITransactionSource source)
    {
        _source = source;
        return this;
    }

    /// <summary>Collects transactions from a CSV or CDNOW file on the fast, allocation-free path.</summary>
    public LoyaltyPipelineBuilder CollectFromFile(string path, TransactionFileOptions? options = null)
    {
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
    public LoyaltyPipelineBuilder UseStore(ILoyaltyStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        return this;
    }

    /// <summary>Customer records: consent, opt-out and attributes, keyed by customer id.</summary>
    public LoyaltyPipelineBuilder WithCustomers(IEnumerable<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        _customers.AddRange(customers);
        return this;
    }

    /// <summary>Summarises the transactions (required).</summary>
    public LoyaltyPipelineBuilder SummarizeRfm(RfmOptions options)
    {
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
    public LoyaltyPipelineBuilder DesignRewards(RewardStepOptions options)
    {
        _rewards = options;
        return this;
    }

    /// <summary>Records an "issued" feedback event for every offer.</summary>
    public LoyaltyPipelineBuilder RecordFeedbackTo(IFeedbackSink sink)
    {
        _feedback = sink;
        return this;
    }

    /// <summary>Lets a bandit choose each offered customer's reward (exploring to learn which reward works per
    /// segment), while the budget step still decides who gets an offer: the budget is reserved at the dearest of the
    /// bandit's rewards, so whatever it picks, the budget holds. Issued events go to the learner, which forwards them
    /// to its inner sink; record later feedback through the learner too, so it learns which rewards succeed.</summary>
    public LoyaltyPipelineBuilder OptimizeWith(BanditRewardLearner learner)
    {
        _bandit = learner;
        return this;
    }

    /// <summary>Uses <paramref name="time"/> for event timestamps (tests pass a fixed clock).</summary>
    public LoyaltyPipelineBuilder UseTimeProvider(TimeProvider time)
    {
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

        var errors = new List<string>();
        if (_source is not null && _file is not null)
        {
            errors.Add("Collect: call only one of CollectFrom(source) or CollectFromFile(path).");
        }
        else if (_source is null && _file is null && _store is null)
        {
            errors.Add("Collect: call one of CollectFrom(source), CollectFromFile(path) or UseStore(store).");
        }

        if (_store is not null && _rfm is not null)
        {
            if (_rfm.CalibrationEnd is null)
            {
                errors.Add("UseStore: the RFM options need an explicit CalibrationEnd; the store does not guess the last purchase day.");
            }

            if (_rfm.Cleaning is { Returns: ReturnPolicy.Net or ReturnPolicy.Keep })
            {
                errors.Add("UseStore: summaries computed in the store leave returns out; use ReturnPolicy.Drop or Reject.");
            }
        }

        if (_file is { } file && string.IsNullOrWhiteSpace(file.Path))
        {
            errors.Add("CollectFromFile: the path is empty.");
        }

        Check(errors, "CollectFromFile", () => _file?.Options?.Validate());
        if (_rfm is null)
        {
            errors.Add("SummarizeRfm: the RFM step is required.");
        }
        else
        {
            Check(errors, "SummarizeRfm", _rfm.Validate);
        }

        Check(errors, "Segment", () => _segmentation?.KMeans.Validate());
        Check(errors, "EstimateClv", () => _clv?.ClvOptionsFor(_rfm?.TimeUnit ?? TimeUnit.Week).Validate());
        if (_rewards is not null)
        {
            Check(errors, "DesignRewards", () => _rewards.Constraints.Validate());
            if (string.IsNullOrWhiteSpace(_rewards.Campaign))
            {
                errors.Add("DesignRewards: the campaign name is empty.");
            }
        }

        if (_feedback is not null && _rewards is null)
        {
            errors.Add("RecordFeedbackTo: there are no offers to record without DesignRewards.");
        }

        if (_bandit is not null)
        {
            if (_feedback is not null)
            {
                errors.Add("OptimizeWith and RecordFeedbackTo: give the feedback sink to the BanditRewardLearner as its inner sink and leave RecordFeedbackTo out, so every event passes through the learner once.");
            }

            if (_rewards is null)
            {
                errors.Add("OptimizeWith: the bandit chooses among rewards; add DesignRewards.");
            }
            else
            {
                var unknown = _bandit.Policy.Arms.Where(a => !_rewards.Catalogue.Rewards.Any(r => r.Id == a)).ToList();
                if (unknown.Count > 0 || _bandit.Policy.Arms.Count == 0)
                {
                    errors.Add($"OptimizeWith: every bandit arm must be a reward id of the catalogue; unknown: {string.Join(", ", unknown)}.");
                }
            }
        }

        var duplicates = _customers.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").Take(5).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add($"WithCustomers: customers listed twice: {string.Join(", ", duplicates)}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("The loyalty pipeline is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        _built = true;
        var feedback = _feedback ?? (_store is not null && _rewards is not null && _bandit is null ? _store : null);
        return new LoyaltyPipeline(new PipelineDefinition(
            _source, _file, _customers.ToDictionary(c => c.Id), _rfm!, _segmentation, _clv, _rewards, feedback, _bandit, _time, _store));
    }

    private static void Check(List<string> errors, string step, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{step}: {ex.Message}");
        }
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
    ILoyaltyStore? Store);
