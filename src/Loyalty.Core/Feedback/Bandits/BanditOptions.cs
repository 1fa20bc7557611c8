using Loyalty.Core.Validation;

namespace Loyalty.Core.Feedback.Bandits;

/// <summary>Settings shared by the bandit policies; each policy reads the ones it needs.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record BanditOptions
{
    /// <summary>Seed for every random choice (arm draws, Thompson posterior draws). <value>The default value is 0.</value></summary>
    public int Seed { get; init; }

    /// <summary>How long a decision waits for its reward before <see cref="DefaultReward"/> is learned instead.
    /// Not negative. <value>The default value is one day.</value></summary>
    public TimeSpan WaitWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Reward learned for a decision whose wait window passed without a reward (0: "no response").
    /// <value>The default value is 0.</value></summary>
    public double DefaultReward { get; init; }

    /// <summary>ε-greedy: share of decisions spread uniformly over all arms, in [0, 1]. <value>The default value is 0.1.</value></summary>
    public double Epsilon { get; init; } = 0.1;

    /// <summary>UCB1: multiplier of the confidence bonus sqrt(2 ln n / nₐ), not negative. <value>The default value is 1.</value></summary>
    public double UcbExploration { get; init; } = 1.0;

    /// <summary>LinUCB: width α of the confidence bonus, not negative. <value>The default value is 1.</value></summary>
    public double LinUcbAlpha { get; init; } = 1.0;

    /// <summary>LinUCB: ridge λ of the per-arm design matrix A = λI + Σ xxᵀ, positive. <value>The default value is 1.</value></summary>
    public double LinUcbRidge { get; init; } = 1.0;

    /// <summary>Thompson: prior successes α₀ and failures β₀ of every arm's Beta prior, positive.
    /// <value>The default value is 1 (uniform prior).</value></summary>
    public double PriorSuccesses { get; init; } = 1.0;

    /// <inheritdoc cref="PriorSuccesses"/>
    public double PriorFailures { get; init; } = 1.0;

    /// <summary>Thompson: discount in (0, 1] applied to a segment's counts before each update, so old behaviour
    /// fades (effective memory about 1 / (1 − decay) rewards); 1 keeps everything. <value>The default value is 1.</value></summary>
    public double Decay { get; init; } = 1.0;

    /// <summary>Thompson: posterior draws used to estimate the action probabilities (propensities).
    /// <value>The default value is 1000.</value></summary>
    public int MonteCarloDraws { get; init; } = 1000;

    /// <summary>Checks the options; every problem is reported in one exception.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid; the message lists them all.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(BanditOptions));
        v.NonNegative(nameof(WaitWindow), WaitWindow);
        v.Finite(nameof(DefaultReward), DefaultReward);
        v.InRange(nameof(Epsilon), Epsilon, 0, 1);
        v.NonNegative(nameof(UcbExploration), UcbExploration);
        v.NonNegative(nameof(LinUcbAlpha), LinUcbAlpha);
        v.Positive(nameof(LinUcbRidge), LinUcbRidge);
        v.Positive(nameof(PriorSuccesses), PriorSuccesses);
        v.Positive(nameof(PriorFailures), PriorFailures);
        v.InRangeExclusiveMin(nameof(Decay), Decay, 0, 1);
        v.AtLeast(nameof(MonteCarloDraws), MonteCarloDraws, 1);
        v.ThrowIfInvalid();
    }
}
