namespace Loyalty.Core;

/// <summary>The kinds of reward a loyalty program gives.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum RewardKind
{
    /// <summary>Loyalty points credited to the ledger.</summary>
    Points = 0,
    /// <summary>A percentage off the next purchase.</summary>
    PercentOff = 1,
    /// <summary>A fixed amount off the next purchase.</summary>
    AmountOff = 2,
    /// <summary>Free shipping on the next order.</summary>
    FreeShipping = 3,
    /// <summary>A gift item.</summary>
    Gift = 4,
    /// <summary>Promotion to a higher tier.</summary>
    TierUpgrade = 5,
}

/// <summary>A reward in the catalogue.</summary>
/// <param name="Id">Unique key in the catalogue.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Value">Its size: points, percent (10 = 10%), money off; 0 where the kind has no size.</param>
/// <param name="Description">Text a customer sees ("10% off your next purchase").</param>
/// <param name="CostIfRedeemed">What one redemption costs the business, in money.</param>
/// <param name="ExpectedRedemptionRate">Prior probability that an issued reward is redeemed (0..1), used for the
/// expected cost until feedback refines it.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record Reward(
    string Id,
    RewardKind Kind,
    decimal Value,
    string Description,
    decimal CostIfRedeemed,
    double ExpectedRedemptionRate)
{
    /// <summary>Expected cost of issuing the reward once: cost if redeemed × redemption rate.</summary>
    public double ExpectedCost => (double)CostIfRedeemed * ExpectedRedemptionRate;
}

/// <summary>Why an offer was chosen: data a host can show to staff or to the customer.</summary>
/// <param name="Policy">The policy or rule that decided ("segment map", "CLV-aware", "budget allocation").</param>
/// <param name="Reason">One sentence in plain words.</param>
/// <param name="Facts">The figures the decision used (segment, CLV, P(alive), estimated uplift, cost, ...).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record OfferExplanation(string Policy, string Reason, IReadOnlyDictionary<string, double> Facts);

/// <summary>A reward offered to one customer.</summary>
/// <param name="OfferId">Unique id, used to tie feedback events to the offer.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Reward">The reward.</param>
/// <param name="ExpectedCost">Expected cost to the business.</param>
/// <param name="ExpectedUplift">Expected incremental value (money) of making the offer.</param>
/// <param name="Explanation">Why.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RewardOffer(
    string OfferId,
    CustomerId CustomerId,
    Reward Reward,
    double ExpectedCost,
    double ExpectedUplift,
    OfferExplanation Explanation);

/// <summary>What a reward policy knows about one customer when it decides.</summary>
/// <param name="Summary">RFM summary.</param>
/// <param name="Segment">Segment, when segmented.</param>
/// <param name="Clv">Value estimate, when estimated.</param>
/// <param name="LoyaltyScore">Loyalty score, when computed.</param>
/// <param name="Customer">The customer's record (privacy choices), when known; without it the customer gets no offer
/// (consent is opt-in). The pipeline supplies a consenting record for customers without one only when the host
/// asks for it (<c>LoyaltyPipelineBuilder.AssumeConsentWithoutRecord</c>).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record CustomerProfile(
    CustomerSummary Summary,
    Segment? Segment = null,
    ClvEstimate? Clv = null,
    double? LoyaltyScore = null,
    Customer? Customer = null)
{
    /// <summary>True when offers may be personalised and sent: a customer record with marketing consent and no
    /// profiling opt-out. False without a record: consent is opt-in.</summary>
    public bool MayReceiveOffers => Customer is { ProfilingOptOut: false, MarketingConsent: true };
}

/// <summary>Chooses rewards for customers.</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface IRewardPolicy
{
    /// <summary>The policy's name, as it appears in explanations.</summary>
    string Name { get; }

    /// <summary>Chooses at most one reward for a customer.</summary>
    /// <param name="profile">What is known about the customer.</param>
    /// <param name="catalogue">The rewards available.</param>
    /// <returns>The offer, or null for no offer.</returns>
    RewardOffer? Decide(CustomerProfile profile, IReadOnlyList<Reward> catalogue);
}
