using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Feedback.Bandits;
using Loyalty.Core.Feedback.Evaluation;

namespace Loyalty.Core.Tests.Feedback.Evaluation;

public sealed class OffPolicyEvaluatorTests
{
    private static readonly string[] Arms = ["a", "b", "c"];

    // True click probability per (segment, arm): segment 0 prefers c, segment 1 prefers a.
    private static readonly double[][] Truth = [[0.1, 0.2, 0.5], [0.6, 0.3, 0.1]];

    private static IReadOnlyDictionary<string, double> LoggingPolicy(BanditContext context) =>
        context.Segment == "s0"
            ? new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.3, ["c"] = 0.2 }
            : new Dictionary<string, double> { ["a"] = 0.2, ["b"] = 0.2, ["c"] = 0.6 };

    private static IReadOnlyDictionary<string, double> BestArmPolicy(BanditContext context) =>
        new Dictionary<string, double> { [context.Segment == "s0" ? "c" : "a"] = 1.0 };

    private static List<LoggedDecision> Log(int n, int seed)
    {
        var random = new Random(seed);
        var log = new List<LoggedDecision>(n);
        for (int i = 0; i < n; i++)
        {
            int segment = random.Next(2);
            var context = new BanditContext($"s{segment}");
            var p = LoggingPolicy(context);
            double u = random.NextDouble();
            int arm = u < p["a"] ? 0 : u < p["a"] + p["b"] ? 1 : 2;
            double reward = random.NextDouble() < Truth[segment][arm] ? 1 : 0;
            log.Add(new LoggedDecision(context, Arms[arm], p[Arms[arm]], reward));
        }

        return log;
    }

    [Fact]
    public void Ips_LoggingPolicyItself_EqualsObservedMean()
    {
        var arb = Gen.Zip(Gen.Choose(1, 300), Gen.Choose(0, 10_000)).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(arb, input =>
        {
            var log = Log(input.Item1, input.Item2);
            double observed = log.Average(d => d.Reward);
            return Math.Abs(OffPolicyEvaluator.Ips(log, LoggingPolicy).Value - observed) < 1e-9
                && Math.Abs(OffPolicyEvaluator.SelfNormalizedIps(log, LoggingPolicy).Value - observed) < 1e-9;
        }));
    }

    [Fact]
    public void Estimators_BestArmCandidate_RecoverItsTrueValueWithinTheInterval()
    {
        var log = Log(20_000, 42);
        double truth = (0.5 + 0.6) / 2;

        foreach (var estimate in new[]
        {
            OffPolicyEvaluator.Ips(log, BestArmPolicy),
            OffPolicyEvaluator.SelfNormalizedIps(log, BestArmPolicy),
            OffPolicyEvaluator.DoublyRobust(log, BestArmPolicy),
        })
        {
            Assert.InRange(estimate.Value, truth - 0.03, truth + 0.03);
            Assert.InRange(truth, estimate.CiLow, estimate.CiHigh);
            Assert.True(estimate.CiHigh - estimate.CiLow < 0.06, $"{estimate.Method}: interval too wide");
            Assert.True(estimate.EffectiveSampleSize < log.Count);
        }

        var ips = OffPolicyEvaluator.Ips(log, BestArmPolicy);
        var dr = OffPolicyEvaluator.DoublyRobust(log, BestArmPolicy);
        Assert.True(dr.StandardError < ips.StandardError, "the reward model should reduce variance");
    }

    [Fact]
    public void DoublyRobust_WrongRewardModel_StillUnbiasedThroughPropensities()
    {
        var log = Log(20_000, 7);
        var dr = OffPolicyEvaluator.DoublyRobust(log, BestArmPolicy, (_, _) => 0.9);
        Assert.InRange(0.55, dr.CiLow, dr.CiHigh);
        var itself = OffPolicyEvaluator.DoublyRobust(log, LoggingPolicy);
        Assert.InRange(log.Average(d => d.Reward), itself.CiLow, itself.CiHigh);
    }

    [Fact]
    public void Ips_BadLog_ThrowsNamedErrors()
    {
        var context = new BanditContext("s0");
        Assert.Throws<ArgumentException>(() => OffPolicyEvaluator.Ips([], BestArmPolicy));
        var ex = Assert.Throws<ArgumentException>(() => OffPolicyEvaluator.Ips([new LoggedDecision(context, "a", 0, 1)], BestArmPolicy));
        Assert.Contains("propensity", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => OffPolicyEvaluator.Ips([new LoggedDecision(context, "a", 0.5, double.NaN)], BestArmPolicy));
        Assert.Throws<ArgumentException>(() => OffPolicyEvaluator.Ips([new LoggedDecision(context, "a", 0.5, 1)], BestArmPolicy, confidence: 1));
        Assert.Throws<ArgumentException>(() => OffPolicyEvaluator.SelfNormalizedIps([new LoggedDecision(context, "a", 0.5, 1)], BestArmPolicy));
    }

    [Fact]
    public void LoggedDecision_FromBanditDecision_CarriesPropensity()
    {
        var policy = new EpsilonGreedy(Arms, new BanditOptions { Epsilon = 0.3 });
        var decision = policy.Choose(new BanditContext("s1"));
        var logged = LoggedDecision.From(decision, 1);

        Assert.Equal(decision.Propensity, logged.Propensity);
        Assert.Equal(decision.ArmId, logged.ArmId);
        Assert.Equal(1.0, OffPolicyEvaluator.Ips([logged], c => policy.Probabilities(c)).Value, 12);
    }
}
