namespace Loyalty.Core.Feedback.Bandits;

/// <summary>UCB1 per segment: plays every arm once, then the arm maximising mean + c·sqrt(2 ln n / nₐ). Deterministic
/// except for ties, which share the probability evenly (so the logged propensities are 1 or 1/ties). Rewards are in
/// [0, 1], the range UCB1's confidence bound assumes; others throw <see cref="ArgumentOutOfRangeException"/>.</summary>
/// <remarks>Thread safety: not thread-safe (see <see cref="BanditPolicy"/>): one instance per thread, or lock around it.</remarks>
public sealed class Ucb1 : BanditPolicy
{
    internal const string PolicyName = "ucb1";

    private readonly SegmentStatistics _stats = new(0, 0, secondNonNegative: true);

    /// <summary>Creates the policy.</summary>
    /// <param name="arms">Arm ids.</param>
    /// <param name="options">Settings (<see cref="BanditOptions.UcbExploration"/>); defaults when null.</param>
    /// <param name="timeProvider">Clock for wait windows; the system clock when null.</param>
    public Ucb1(IEnumerable<string> arms, BanditOptions? options = null, TimeProvider? timeProvider = null)
        : base(arms, options, timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => PolicyName;

    private protected override double[] ComputeProbabilities(BanditContext context)
    {
        int k = Arms.Count;
        var stats = new double[k][];
        double total = 0;
        bool anyUnplayed = false;
        for (int i = 0; i < k; i++)
        {
            stats[i] = _stats.Get(context.Segment, Arms[i]);
            total += stats[i][0];
            anyUnplayed |= stats[i][0] == 0;
        }

        var scores = new double[k];
        for (int i = 0; i < k; i++)
        {
            double n = stats[i][0];
            scores[i] = anyUnplayed
                ? (n == 0 ? 1 : 0)
                : (stats[i][1] / n) + (Options.UcbExploration * Math.Sqrt(2 * Math.Log(total) / n));
        }

        return ActionDistribution.ArgmaxUniform(scores);
    }

    private protected override void Learn(BanditContext context, string armId, double reward)
    {
        var s = _stats.Get(context.Segment, armId);
        s[0] += 1;
        s[1] += reward;
    }

    private protected override void CheckReward(double reward, string parameter)
    {
        if (!(reward is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(parameter, reward, $"UCB1 needs rewards in [0, 1] (was {reward}).");
        }
    }

    private protected override Dictionary<string, Dictionary<string, double[]>> ExportStatistics() => _stats.Export();

    private protected override void ImportStatistics(Dictionary<string, Dictionary<string, double[]>> statistics) => _stats.Import(statistics);

    private protected override void ForgetArm(string armId) => _stats.Forget(armId);
}
