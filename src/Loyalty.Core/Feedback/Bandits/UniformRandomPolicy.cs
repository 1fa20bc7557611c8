namespace Loyalty.Core.Feedback.Bandits;

/// <summary>Chooses uniformly at random and learns nothing: the baseline (and a common logging policy for
/// off-policy evaluation). Rewards are still accepted, so it can sit behind the same feedback plumbing.</summary>
/// <remarks>Thread safety: not thread-safe (see <see cref="BanditPolicy"/>): one instance per thread, or lock around it.</remarks>
public sealed class UniformRandomPolicy : BanditPolicy
{
    internal const string PolicyName = "random";

    /// <summary>Creates the policy.</summary>
    /// <param name="arms">Arm ids.</param>
    /// <param name="options">Settings (seed, wait window); defaults when null.</param>
    /// <param name="timeProvider">Clock for wait windows; the system clock when null.</param>
    public UniformRandomPolicy(IEnumerable<string> arms, BanditOptions? options = null, TimeProvider? timeProvider = null)
        : base(arms, options, timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => PolicyName;

    private protected override double[] ComputeProbabilities(BanditContext context) => ActionDistribution.Uniform(Arms.Count);

    private protected override void Learn(BanditContext context, string armId, double reward)
    {
        // Nothing to learn: the distribution never changes.
    }

    private protected override Dictionary<string, Dictionary<string, double[]>> ExportStatistics() => [];

    private protected override void ImportStatistics(Dictionary<string, Dictionary<string, double[]>> statistics)
    {
        // No statistics.
    }

    private protected override void ForgetArm(string armId)
    {
        // No statistics.
    }
}
