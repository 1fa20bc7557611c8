using MathNet.Numerics.Distributions;

namespace Loyalty.Core.Feedback.Bandits;

/// <summary>
/// Thompson sampling with a Beta-Bernoulli model per (segment, arm): rewards in [0, 1] (fractional rewards count as
/// partial successes), prior Beta(α₀, β₀), optional exponential decay of old evidence.
/// </summary>
/// <remarks>
/// Propensities: the probability that an arm's posterior draw is the largest has no closed form, so it is estimated
/// by Monte-Carlo with <see cref="BanditOptions.MonteCarloDraws"/> seeded posterior draws. The arm is then drawn from
/// that estimated distribution, so the logged propensity is exactly the probability the decision was drawn with
/// (an arm with no winning draw is never chosen). The estimate is cached per segment until the segment learns.
/// <para>Thread safety: not thread-safe (see <see cref="BanditPolicy"/>): one instance per thread, or lock around it.</para>
/// </remarks>
public sealed class ThompsonSampling : BanditPolicy
{
    internal const string PolicyName = "thompson";

    private readonly SegmentStatistics _stats = new(0, 0, secondNonNegative: true);
    private readonly Random _posteriorRandom;
    private readonly Dictionary<string, (long Version, string[] Arms, double[] P)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the policy.</summary>
    /// <param name="arms">Arm ids.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="timeProvider">Clock for wait windows; the system clock when null.</param>
    public ThompsonSampling(IEnumerable<string> arms, BanditOptions? options = null, TimeProvider? timeProvider = null)
        : base(arms, options, timeProvider)
    {
        _posteriorRandom = new Random(unchecked(Options.Seed * 31 + 17));
    }

    /// <inheritdoc />
    public override string Name => PolicyName;

    /// <summary>Posterior mean of an arm's reward in a segment.</summary>
    public double PosteriorMean(string segment, string armId)
    {
        var s = _stats.Get(segment, armId);
        double a = Options.PriorSuccesses + s[0];
        double b = Options.PriorFailures + s[1];
        return a / (a + b);
    }

    private protected override double[] ComputeProbabilities(BanditContext context)
    {
        string segment = context.Segment;
        long version = _stats.Version(segment);
        if (_cache.TryGetValue(segment, out var cached) && cached.Version == version && cached.Arms.SequenceEqual(Arms, StringComparer.Ordinal))
        {
            return (double[])cached.P.Clone();
        }

        int k = Arms.Count;
        var alpha = new double[k];
        var beta = new double[k];
        for (int i = 0; i < k; i++)
        {
            var s = _stats.Get(segment, Arms[i]);
            alpha[i] = Options.PriorSuccesses + s[0];
            beta[i] = Options.PriorFailures + s[1];
        }

        var wins = new double[k];
        int draws = Options.MonteCarloDraws;
        for (int d = 0; d < draws; d++)
        {
            int best = 0;
            double bestValue = double.NegativeInfinity;
            for (int i = 0; i < k; i++)
            {
                double x = Beta.Sample(_posteriorRandom, alpha[i], beta[i]);
                if (x > bestValue)
                {
                    bestValue = x;
                    best = i;
                }
            }

            wins[best]++;
        }

        for (int i = 0; i < k; i++)
        {
            wins[i] /= draws;
        }

        _cache[segment] = (version, [.. Arms], wins);
        return (double[])wins.Clone();
    }

    private protected override void Learn(BanditContext context, string armId, double reward)
    {
        var segment = _stats.Segment(context.Segment);
        if (Options.Decay < 1)
        {
            foreach (var stats in segment.Values)
            {
                stats[0] *= Options.Decay;
                stats[1] *= Options.Decay;
            }
        }

        var s = _stats.Get(context.Segment, armId);
        s[0] += reward;
        s[1] += 1 - reward;
        _stats.Touch(context.Segment);
    }

    private protected override void CheckReward(double reward, string parameter)
    {
        if (!(reward is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(parameter, reward, $"Thompson sampling (Beta-Bernoulli) needs rewards in [0, 1] (was {reward}).");
        }
    }

    private protected override Dictionary<string, Dictionary<string, double[]>> ExportStatistics() => _stats.Export();

    private protected override void ImportStatistics(Dictionary<string, Dictionary<string, double[]>> statistics) => _stats.Import(statistics);

    private protected override void ForgetArm(string armId) => _stats.Forget(armId);
}
