namespace Loyalty.Core.Feedback.Bandits;

/// <summary>What a bandit knows when it chooses: a segment key (per-segment policies learn one model per segment)
/// and a feature vector (contextual policies such as LinUCB).</summary>
/// <param name="Segment">Segment key; empty for one global model.</param>
/// <param name="Features">Numeric context features; required by LinUCB, ignored by the others.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record BanditContext(string Segment = "", IReadOnlyList<double>? Features = null)
{
    /// <summary>One global model, no features.</summary>
    public static BanditContext Global { get; } = new();
}

/// <summary>One decision of a bandit, with everything off-policy evaluation needs later.</summary>
/// <param name="EventId">Id to send the reward back with (<see cref="BanditPolicy.Reward"/>).</param>
/// <param name="ArmId">The arm (reward id) chosen.</param>
/// <param name="Propensity">Probability with which the chosen arm was drawn.</param>
/// <param name="Probabilities">The full action distribution the arm was drawn from (sums to 1).</param>
/// <param name="ModelVersion">Model version at decision time (increments with every learned reward).</param>
/// <param name="Policy">Policy name.</param>
/// <param name="Context">The context.</param>
/// <param name="Timestamp">When the decision was made (from the policy's <see cref="TimeProvider"/>).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record BanditDecision(
    string EventId,
    string ArmId,
    double Propensity,
    IReadOnlyDictionary<string, double> Probabilities,
    long ModelVersion,
    string Policy,
    BanditContext Context,
    DateTimeOffset Timestamp);
