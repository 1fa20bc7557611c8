namespace Loyalty.Core;

/// <summary>One logged decision of a program cycle: a customer offered a reward, or held out from it.</summary>
/// <param name="Program">The program's name.</param>
/// <param name="Cycle">The cycle that decided.</param>
/// <param name="OfferId">Unique id of the offer (also for held-out decisions, which are never sent); feedback
/// events name it, and delivery is idempotent by it.</param>
/// <param name="CustomerId">The customer, by the id the store keeps (the pseudonym when it pseudonymises).</param>
/// <param name="RewardId">The reward offered; for a held-out decision, the reward the policy chose and withheld.</param>
/// <param name="Holdout">True when the customer belongs to the program's stable random holdout: the decision is
/// recorded, nothing is sent, and the outcome measures what would have happened without the offer.</param>
/// <param name="Propensity">Probability, in (0, 1], with which the policy chose this reward for this customer once
/// the customer was selected for an offer (for off-policy evaluation).</param>
/// <param name="PolicyName">The deciding policy.</param>
/// <param name="PolicyVersion">Its version.</param>
/// <param name="Segment">The customer's segment id in the cycle (stable across cycles).</param>
/// <param name="ExpectedCost">Expected reward cost of the offer, in money, as the policy estimated it.</param>
/// <param name="ExpectedValue">Expected incremental margin of the offer, net of its cost, as the policy estimated it.</param>
/// <param name="Features">The features the decision used, by name.</param>
/// <param name="Explanation">Why, in one sentence a marketer can read.</param>
/// <param name="DecidedAt">When (the cycle's as-of time).</param>
/// <param name="WindowEnd">End of the response window: purchases in [<paramref name="DecidedAt"/>,
/// <paramref name="WindowEnd"/>) count as the offer's response.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ProgramDecision(
    string Program,
    int Cycle,
    string OfferId,
    CustomerId CustomerId,
    string RewardId,
    bool Holdout,
    double Propensity,
    string PolicyName,
    string PolicyVersion,
    int Segment,
    double ExpectedCost,
    double ExpectedValue,
    IReadOnlyDictionary<string, double> Features,
    string Explanation,
    DateTime DecidedAt,
    DateTime WindowEnd);

/// <summary>What followed a decision in its response window, as the store knew it when the outcome was computed.
/// Late events change an outcome; the program then applies the difference to what it learned.</summary>
/// <param name="Purchased">True when the customer bought in the response window.</param>
/// <param name="Spend">Money spent in the window (0 without a purchase).</param>
/// <param name="Redeemed">True when a redemption event names the offer.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct DecisionOutcome(bool Purchased, decimal Spend, bool Redeemed);

/// <summary>A logged decision with the outcome last applied to the learner (null before its window closed) and its
/// delivery state (null for held-out decisions, which are never sent).</summary>
/// <param name="Decision">The decision.</param>
/// <param name="Outcome">The outcome last applied, when any.</param>
/// <param name="Delivery">The outbox state, when the offer was sent.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record StoredDecision(ProgramDecision Decision, DecisionOutcome? Outcome, OutboxStatus? Delivery);

/// <summary>Where an offer is in the outbox.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (or to be sent again after a failed attempt).</summary>
    Pending = 0,
    /// <summary>The channel accepted it; it is never sent again.</summary>
    Delivered = 1,
    /// <summary>Every attempt failed; it is not sent again.</summary>
    Failed = 2,
}

/// <summary>An offer in the outbox.</summary>
/// <param name="OfferId">The offer (the idempotency key a channel receives).</param>
/// <param name="Program">The program.</param>
/// <param name="Cycle">The cycle that decided it.</param>
/// <param name="CustomerId">The customer, by stored id.</param>
/// <param name="RewardId">The reward.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Attempts">Sending attempts begun so far (an attempt interrupted by a crash counts).</param>
/// <param name="Detail">The channel's last detail (message id, error text), when any.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record OutboxEntry(
    string OfferId,
    string Program,
    int Cycle,
    CustomerId CustomerId,
    string RewardId,
    OutboxStatus Status,
    int Attempts,
    string? Detail);
