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
        var errors = new List<string>();
        if (WaitWindow < TimeSpan.Zero)
        {
            errors.Add($"{nameof(WaitWindow)} must not be negative (was {WaitWindow}).");
        }

        if (!double.IsFinite(DefaultReward))
        {
            errors.Add($"{nameof(DefaultReward)} must be a finite number (was {DefaultReward}).");
        }

        if (!(Epsilon is >= 0 and <= 1))
        {
            errors.Add($"{nameof(Epsilon)} must be in [0, 1] (was {Epsilon}).");
        }

        Check(UcbExploration, nameof(UcbExploration), allowZero: true);
        Check(LinUcbAlpha, nameof(LinUcbAlpha), allowZero: true);
        Check(LinUcbRidge, nameof(LinUcbRidge), allowZero: false);
        Check(PriorSuccesses, nameof(PriorSuccesses), allowZero: false);
        Check(PriorFailures, nameof(PriorFailures), allowZero: false);
        if (!(Decay is > 0 and <= 1))
        {
            errors.Add($"{nameof(Decay)} must be in (0, 1] (was {Decay}).");
        }

        if (MonteCarloDraws < 1)
        {
            errors.Add($"{nameof(MonteCarloDraws)} must be at least 1 (was {MonteCarloDraws}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid bandit options:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        void Check(double value, string name, bool allowZero)
        {
            if (!double.IsFinite(value) || value < 0 || (!allowZero && value == 0))
            {
                errors.Add($"{name} must be a finite number {(allowZero ? ">= 0" : "> 0")} (was {value}).");
            }
        }
    }
}
