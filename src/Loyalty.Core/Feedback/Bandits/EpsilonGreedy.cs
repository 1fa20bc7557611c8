namespace Loyalty.Core.Feedback.Bandits;

/// <summary>ε-greedy per segment: with probability ε a uniformly random arm, otherwise the arm with the best mean
/// reward so far (arms never played count as best, so each is tried; ties share the greedy mass).</summary>
/// <remarks>Thread safety: not thread-safe (see <see cref="BanditPolicy"/>): one instance per thread, or lock around it.</remarks>
public sealed class EpsilonGreedy : BanditPolicy
{
    internal const string PolicyName = "epsilon-greedy";

    private readonly SegmentStatistics _stats = new(0, 0);

    /// <summary>Creates the policy.</summary>
    /// <param name="arms">Arm ids.</param>
    /// <param name="options">Settings (<see cref="BanditOptions.Epsilon"/>); defaults when null.</param>
    /// <param name="timeProvider">Clock for wait windows; the system clock when null.</param>
    public EpsilonGreedy(IEnumerable<string> arms, BanditOptions? options = null, TimeProvider? timeProvider = null)
        : base(arms, options, timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => PolicyName;

    private protected override double[] ComputeProbabilities(BanditContext context)
    {
        int k = Arms.Count;
        var scores = new double[k];
        bool anyUnplayed = false;
        for (int i = 0; i < k; i++)
        {
            var s = _stats.Get(context.Segment, Arms[i]);
            anyUnplayed |= s[0] == 0;
        }

        for (int i = 0; i < k; i++)
        {
            var s = _stats.Get(context.Segment, Arms[i]);
            scores[i] = anyUnplayed ? (s[0] == 0 ? 1 : 0) : s[1] / s[0];
        }

        var greedy = ActionDistribution.ArgmaxUniform(scores);
        double epsilon = Options.Epsilon;
        for (int i = 0; i < k; i++)
        {
            greedy[i] = (epsilon / k) + ((1 - epsilon) * greedy[i]);
        }

        return greedy;
    }

    private protected override void Learn(BanditContext context, string armId, double reward)
    {
        var s = _stats.Get(context.Segment, armId);
        s[0] += 1;
        s[1] += reward;
    }

    private protected override Dictionary<string, Dictionary<string, double[]>> ExportStatistics() => _stats.Export();

    private protected override void ImportStatistics(Dictionary<string, Dictionary<string, double[]>> statistics) => _stats.Import(statistics);

    private protected override void ForgetArm(string armId) => _stats.Forget(armId);
}
