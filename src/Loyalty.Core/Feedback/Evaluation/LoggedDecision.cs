using Loyalty.Core.Feedback.Bandits;

namespace Loyalty.Core.Feedback.Evaluation;

/// <summary>One logged decision of a (logging) policy with its observed reward: the input of off-policy evaluation.</summary>
/// <param name="Context">The context the decision was made in.</param>
/// <param name="ArmId">The arm played.</param>
/// <param name="Propensity">Probability with which the logging policy played that arm, in (0, 1].</param>
/// <param name="Reward">Observed reward, finite.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record LoggedDecision(BanditContext Context, string ArmId, double Propensity, double Reward)
{
    /// <summary>The logged form of a bandit decision once its reward is known.</summary>
    public static LoggedDecision From(BanditDecision decision, double reward)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new LoggedDecision(decision.Context, decision.ArmId, decision.Propensity, reward);
    }
}

/// <summary>An off-policy estimate of a candidate policy's mean reward per decision.</summary>
/// <param name="Method">"ips", "snips" or "dr".</param>
/// <param name="Value">Estimated mean reward per decision.</param>
/// <param name="StandardError">Standard error (normal approximation; delta method for SNIPS).</param>
/// <param name="CiLow">Lower confidence bound.</param>
/// <param name="CiHigh">Upper confidence bound.</param>
/// <param name="Count">Logged decisions used.</param>
/// <param name="EffectiveSampleSize">(Σw)² / Σw² of the importance weights: how many logged decisions the estimate
/// is worth; far below <paramref name="Count"/> means the candidate strays from the logging policy.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record OffPolicyEstimate(string Method, double Value, double StandardError, double CiLow, double CiHigh, int Count, double EffectiveSampleSize);
