using System.Collections.Concurrent;

namespace Loyalty.Core.Feedback.Bandits;

/// <summary>
/// Closes the loop between offers and a bandit: the pipeline asks <see cref="Policy"/> which reward to offer and
/// registers the offer here; feedback events flow through this sink (and on to an inner sink), and when an offer
/// reaches the success kind (redeemed, by default) the bandit learns reward 1 for that decision. Offers that never
/// succeed learn the bandit's default reward when its wait window passes.
/// </summary>
/// <remarks>Thread-safe. Feedback for offers this learner did not register is only forwarded.</remarks>
public sealed class BanditRewardLearner : IFeedbackSink
{
    private readonly ConcurrentDictionary<string, string> _decisionByOffer = new(StringComparer.Ordinal);
    private readonly IFeedbackSink? _inner;
    private readonly object _gate = new();

    /// <summary>Creates a learner.</summary>
    /// <param name="policy">The bandit; its arms are reward ids of the catalogue.</param>
    /// <param name="inner">Where events go on to (a store, a <see cref="FeedbackLog"/>); null for none.</param>
    /// <param name="successKind">The event that counts as success. <value>The default value is redeemed.</value></param>
    public BanditRewardLearner(BanditPolicy policy, IFeedbackSink? inner = null, FeedbackKind successKind = FeedbackKind.Redeemed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!Enum.IsDefined(successKind) || successKind == FeedbackKind.Issued)
        {
            throw new ArgumentOutOfRangeException(nameof(successKind), successKind, "Success must be delivered, claimed, redeemed or repurchased.");
        }

        Policy = policy;
        _inner = inner;
        SuccessKind = successKind;
    }

    /// <summary>The bandit.</summary>
    public BanditPolicy Policy { get; }

    /// <summary>The event kind that rewards a decision.</summary>
    public FeedbackKind SuccessKind { get; }

    /// <summary>Chooses a reward for a customer of <paramref name="segment"/>; call <see cref="Track"/> with the
    /// offer made from it. Serialised, so decisions are reproducible for a seed.</summary>
    public BanditDecision Choose(string segment)
    {
        lock (_gate)
        {
            return Policy.Choose(new BanditContext(segment));
        }
    }

    /// <summary>Ties an offer to the bandit decision that chose it.</summary>
    /// <exception cref="ArgumentException">The offer is already tied to another decision.</exception>
    public void Track(string offerId, BanditDecision decision)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offerId);
        ArgumentNullException.ThrowIfNull(decision);
        if (!_decisionByOffer.TryAdd(offerId, decision.EventId) && _decisionByOffer[offerId] != decision.EventId)
        {
            throw new ArgumentException($"Offer '{offerId}' is already tied to bandit decision '{_decisionByOffer[offerId]}'.", nameof(offerId));
        }
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(FeedbackEvent feedbackEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedbackEvent);
        if (_inner is not null)
        {
            await _inner.RecordAsync(feedbackEvent, cancellationToken).ConfigureAwait(false);
        }

        if (feedbackEvent.Kind == SuccessKind && feedbackEvent.OfferId is { } offer && _decisionByOffer.TryRemove(offer, out var decision))
        {
            lock (_gate)
            {
                Policy.Reward(decision, 1.0);
            }
        }
    }
}
