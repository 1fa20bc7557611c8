namespace Loyalty.Core.Programs;

/// <summary>
/// Decides a program cycle's offers and, when it learns, learns from the outcomes of earlier decisions. The program
/// calls it on one thread: first <see cref="Restore"/> with the stored state, then <see cref="Learn"/> for each
/// outcome that changed since it was last applied (late events give a second call with the previous outcome), then
/// <see cref="Decide"/>; it stores <see cref="SaveState"/> together with the outcomes, so state and outcomes never
/// disagree after a crash. Implementations: the library's learned policy, fixed tables, random, and the simulator's
/// oracle.
/// </summary>
/// <remarks>Thread safety: implementations need not be thread-safe; the program serialises every call.</remarks>
public interface IProgramPolicy
{
    /// <summary>The policy's name, logged with every decision.</summary>
    string Name { get; }

    /// <summary>Its version, logged with every decision: change it when the code or settings change.</summary>
    string Version { get; }

    /// <summary>The key its state is stored under; null when it learns nothing.</summary>
    string? StateKey { get; }

    /// <summary>Replaces the state with a stored one (null: start afresh).</summary>
    /// <exception cref="FormatException">The state is not one this policy wrote.</exception>
    void Restore(byte[]? state);

    /// <summary>The state to store.</summary>
    byte[] SaveState();

    /// <summary>Applies a decision's outcome: <paramref name="previous"/> is the outcome applied before (null for
    /// the first), so a policy that keeps sums subtracts it and adds <paramref name="current"/>.</summary>
    void Learn(ProgramDecision decision, DecisionOutcome? previous, DecisionOutcome current);

    /// <summary>Chooses a reward (or none) for each candidate. The result is in priority order: the program walks
    /// it, records held-out customers' choices without sending them, and offers the others until the budget (the
    /// sum of <see cref="ProgramChoice.ExpectedCost"/>) is spent.</summary>
    IReadOnlyList<ProgramChoice> Decide(ProgramDecisionContext context, CancellationToken cancellationToken = default);
}

/// <summary>What a policy knows when it decides a cycle.</summary>
/// <param name="Program">The program's name.</param>
/// <param name="Cycle">The cycle number.</param>
/// <param name="AsOf">The decision time.</param>
/// <param name="Options">The program's settings (budget, window, margin).</param>
/// <param name="Catalogue">The rewards.</param>
/// <param name="Segments">The cycle's segments (ids stable across cycles, names from their profile).</param>
/// <param name="FeatureNames">Names of <see cref="ProgramCandidate.Features"/>' entries.</param>
/// <param name="Candidates">Customers who may receive an offer this cycle (consent, no opt-out, no cooldown).</param>
/// <param name="Seed">Seed for this cycle's random choices (from the program's seed and the cycle).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ProgramDecisionContext(
    string Program,
    int Cycle,
    DateTime AsOf,
    ProgramOptions Options,
    IReadOnlyList<Reward> Catalogue,
    IReadOnlyList<Segment> Segments,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<ProgramCandidate> Candidates,
    int Seed);

/// <summary>One customer who may receive an offer.</summary>
/// <param name="CustomerId">The customer, by stored id.</param>
/// <param name="Summary">RFM summary at the cycle's as-of time (time unit: weeks).</param>
/// <param name="Segment">Segment id.</param>
/// <param name="ProbabilityAlive">P(alive) from the purchase model (1 without one).</param>
/// <param name="PurchaseProbability">P(at least one purchase in the response window) without an offer, from the
/// purchase model.</param>
/// <param name="ExpectedSpend">Expected spend per purchase (Gamma-Gamma, or the customer's mean).</param>
/// <param name="Features">The decision features, named by <see cref="ProgramDecisionContext.FeatureNames"/>.</param>
/// <remarks>Thread safety: immutable once built; do not change the feature array.</remarks>
public sealed record ProgramCandidate(
    CustomerId CustomerId,
    CustomerSummary Summary,
    int Segment,
    double ProbabilityAlive,
    double PurchaseProbability,
    double ExpectedSpend,
    double[] Features);

/// <summary>A policy's choice for one customer.</summary>
/// <param name="CustomerId">The customer, by stored id.</param>
/// <param name="RewardId">The reward, from the catalogue.</param>
/// <param name="Propensity">Probability, in (0, 1], of choosing this reward for this customer.</param>
/// <param name="ExpectedCost">Expected reward cost in money (what the budget counts).</param>
/// <param name="ExpectedValue">Expected incremental margin net of the cost.</param>
/// <param name="Explanation">Why, in one sentence.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ProgramChoice(
    CustomerId CustomerId,
    string RewardId,
    double Propensity,
    double ExpectedCost,
    double ExpectedValue,
    string Explanation);
