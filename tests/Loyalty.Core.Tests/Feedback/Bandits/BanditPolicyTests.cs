using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Feedback.Bandits;

namespace Loyalty.Core.Tests.Feedback.Bandits;

public sealed class BanditPolicyTests
{
    private static readonly string[] Arms = ["a", "b", "c"];

    internal static BanditPolicy Create(int kind, IEnumerable<string> arms, BanditOptions? options = null, TimeProvider? clock = null) => kind switch
    {
        0 => new ThompsonSampling(arms, options, clock),
        1 => new EpsilonGreedy(arms, options, clock),
        2 => new Ucb1(arms, options, clock),
        3 => new LinUcb(arms, options, clock),
        _ => new UniformRandomPolicy(arms, options, clock),
    };

    private static BanditContext Context(int segment) => new($"s{segment}", [1.0, segment, segment * segment * 0.5]);

    [Fact]
    public void Probabilities_AnyPolicyAfterAnyHistory_AreNonNegativeAndSumToOne()
    {
        // Each update packs (segment, arm, reward in quarters) into one int: 3 × 3 × 5 combinations.
        var updates = Gen.ListOf(Gen.Choose(0, 44)).Select(list => list.Select(x => (Segment: x % 3, Arm: (x / 3) % 3, Reward: x / 9)).ToArray());
        var arb = Gen.Zip(Gen.Choose(0, 4), Gen.Zip(updates, Gen.Choose(0, 1000)), (kind, rest) => (Kind: kind, History: rest.Item1, Seed: rest.Item2)).ToArbitrary();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(arb, input =>
        {
            var (kind, history, seed) = (input.Kind, input.History, input.Seed);
            var policy = Create(kind, Arms, new BanditOptions { Seed = seed, MonteCarloDraws = 200, Decay = kind == 0 && seed % 2 == 0 ? 0.9 : 1 });
            foreach (var (segment, arm, reward) in history)
            {
                policy.Update(Context(segment), Arms[arm], reward / 4.0);
            }

            for (int segment = 0; segment < 3; segment++)
            {
                var p = policy.Probabilities(Context(segment));
                var decision = policy.Choose(Context(segment));
                if (p.Values.Any(v => v < 0 || !double.IsFinite(v)) || Math.Abs(p.Values.Sum() - 1) > 1e-9 ||
                    Math.Abs(decision.Probabilities.Values.Sum() - 1) > 1e-9 || decision.Propensity <= 0)
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Choose_AnyPolicy_LogsPropensityOfTheChosenArmAndModelVersion(int kind)
    {
        var policy = Create(kind, Arms, new BanditOptions { Seed = 3 });
        policy.Update(Context(1), "b", 1);
        var decision = policy.Choose(Context(1));

        Assert.Equal(decision.Probabilities[decision.ArmId], decision.Propensity, 12);
        Assert.Equal(1, decision.ModelVersion);
        Assert.Equal(policy.Name, decision.Policy);
        Assert.Equal(1, policy.PendingCount);
        policy.Reward(decision.EventId, 1);
        Assert.Equal(2, policy.ModelVersion);
        Assert.Equal(0, policy.PendingCount);
    }

    [Fact]
    public void Choose_SameSeed_SameDecisions()
    {
        static string[] Run(int seed)
        {
            var policy = new ThompsonSampling(Arms, new BanditOptions { Seed = seed, MonteCarloDraws = 100 });
            var chosen = new List<string>();
            for (int i = 0; i < 50; i++)
            {
                var d = policy.Choose(Context(i % 2));
                chosen.Add(d.ArmId);
                policy.Reward(d.EventId, d.ArmId == "c" ? 1 : 0);
            }

            return [.. chosen];
        }

        Assert.Equal(Run(11), Run(11));
        Assert.NotEqual(Run(11), Run(12));
    }

    [Fact]
    public void Reward_UnknownOrSettledEventId_ThrowsNamingTheId()
    {
        var policy = new EpsilonGreedy(Arms);
        var decision = policy.Choose(BanditContext.Global);
        policy.Reward(decision.EventId, 1);

        var ex = Assert.Throws<ArgumentException>(() => policy.Reward(decision.EventId, 1));
        Assert.Contains(decision.EventId, ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => policy.Reward("never-issued", 0));
    }

    [Fact]
    public void Update_UnknownArm_ThrowsNamingTheArm()
    {
        var policy = new Ucb1(Arms);
        var ex = Assert.Throws<ArgumentException>(() => policy.Update(BanditContext.Global, "zzz", 1));
        Assert.Contains("'zzz'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reward_OutOfRangeForThompson_Throws()
    {
        var policy = new ThompsonSampling(Arms);
        var decision = policy.Choose(BanditContext.Global);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.Reward(decision.EventId, 1.5));
        Assert.Throws<ArgumentException>(() => new EpsilonGreedy(Arms).Update(BanditContext.Global, "a", double.NaN));
    }

    [Fact]
    public void Options_SeveralProblems_AllReportedInOneException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ThompsonSampling(Arms, new BanditOptions
        {
            WaitWindow = TimeSpan.FromHours(-1),
            Epsilon = 2,
            Decay = 0,
            MonteCarloDraws = 0,
        }));

        Assert.Contains("WaitWindow", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Epsilon", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Decay", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MonteCarloDraws", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpirePending_AfterWaitWindow_LearnsDefaultRewardAndForgetsEventId()
    {
        var clock = new ManualClock();
        var policy = new EpsilonGreedy(["a"], new BanditOptions { WaitWindow = TimeSpan.FromHours(2), DefaultReward = 0.25 }, clock);
        var early = policy.Choose(BanditContext.Global);
        clock.Advance(TimeSpan.FromHours(1));
        var late = policy.Choose(BanditContext.Global);

        clock.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal(1, policy.ExpirePending());
        Assert.Equal(1, policy.ModelVersion);
        Assert.Throws<ArgumentException>(() => policy.Reward(early.EventId, 1));
        policy.Reward(late.EventId, 1);
        Assert.Equal(2, policy.ModelVersion);
    }

    [Fact]
    public void AddArmRemoveArm_ChangeTheDistributionAndDropPendingDecisions()
    {
        var policy = new UniformRandomPolicy(["a", "b"], new BanditOptions { Seed = 1 });
        policy.AddArm("c");
        Assert.Equal(1.0 / 3, policy.Probabilities(BanditContext.Global)["c"], 12);
        Assert.Throws<ArgumentException>(() => policy.AddArm("c"));

        BanditDecision decision;
        do
        {
            decision = policy.Choose(BanditContext.Global);
        }
        while (decision.ArmId != "c");

        Assert.True(policy.RemoveArm("c"));
        Assert.False(policy.RemoveArm("c"));
        Assert.False(policy.Probabilities(BanditContext.Global).ContainsKey("c"));
        Assert.Throws<ArgumentException>(() => policy.Reward(decision.EventId, 1));
        Assert.True(policy.RemoveArm("a") && policy.RemoveArm("b"));
        Assert.Throws<InvalidOperationException>(() => policy.Choose(BanditContext.Global));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void SaveState_Restore_KeepsStatisticsPendingDecisionsAndVersion(int kind)
    {
        var clock = new ManualClock();
        var options = new BanditOptions { Seed = 5, MonteCarloDraws = 2000 };
        var policy = Create(kind, Arms, options, clock);
        var random = new Random(1);
        for (int i = 0; i < 60; i++)
        {
            policy.Update(Context(i % 3), Arms[random.Next(3)], random.Next(2));
        }

        var pending = policy.Choose(Context(2));
        string json = policy.SaveState();
        var restored = BanditPolicy.Restore(json, options, clock);

        Assert.Contains("\"version\":1", json, StringComparison.Ordinal);
        Assert.Equal(policy.Name, restored.Name);
        Assert.Equal(policy.Arms, restored.Arms);
        Assert.Equal(policy.ModelVersion, restored.ModelVersion);
        Assert.Equal(1, restored.PendingCount);
        if (kind != 0)
        {
            Assert.Equal(policy.Probabilities(Context(1)), restored.Probabilities(Context(1)));
        }
        else
        {
            foreach (var (arm, p) in policy.Probabilities(Context(1)))
            {
                Assert.Equal(p, restored.Probabilities(Context(1))[arm], 0.05); // Monte-Carlo estimates, different draws
            }
        }

        restored.Reward(pending.EventId, 1);
        Assert.Equal(policy.ModelVersion + 1, restored.ModelVersion);
        Assert.NotEqual(pending.EventId, restored.Choose(Context(0)).EventId);
    }

    [Fact]
    public void Restore_BadState_ThrowsFormatException()
    {
        string json = new EpsilonGreedy(Arms).SaveState();
        Assert.Throws<FormatException>(() => BanditPolicy.Restore(json.Replace("\"version\":1", "\"version\":99", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => BanditPolicy.Restore(json.Replace("epsilon-greedy", "mystery", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => BanditPolicy.Restore("{not json"));
    }

    [Fact]
    public void ThompsonDecay_BehaviourChanges_FollowsTheNewBestArm()
    {
        static double MeanOfA(double decay)
        {
            var policy = new ThompsonSampling(["a", "b"], new BanditOptions { Decay = decay });
            for (int i = 0; i < 500; i++)
            {
                policy.Update(BanditContext.Global, "a", 1);
                policy.Update(BanditContext.Global, "b", 0.5);
            }

            for (int i = 0; i < 50; i++)
            {
                policy.Update(BanditContext.Global, "a", 0);
                policy.Update(BanditContext.Global, "b", 0.5);
            }

            return policy.PosteriorMean(string.Empty, "a");
        }

        Assert.True(MeanOfA(0.95) < 0.2, $"with decay the posterior forgets: {MeanOfA(0.95)}");
        Assert.True(MeanOfA(1.0) > 0.85, $"without decay it remembers: {MeanOfA(1.0)}");
    }

    [Fact]
    public void LinUcb_ContextDecidesBestArm_LearnsEach()
    {
        var policy = new LinUcb(["x", "y"], new BanditOptions { LinUcbAlpha = 0.1 });
        var first = new BanditContext(Features: [1.0, 0.0]);
        var second = new BanditContext(Features: [0.0, 1.0]);
        for (int i = 0; i < 50; i++)
        {
            policy.Update(first, "x", 1);
            policy.Update(first, "y", 0);
            policy.Update(second, "x", 0);
            policy.Update(second, "y", 1);
        }

        Assert.Equal(1.0, policy.Probabilities(first)["x"]);
        Assert.Equal(1.0, policy.Probabilities(second)["y"]);
        Assert.Throws<ArgumentException>(() => policy.Choose(BanditContext.Global));
        Assert.Throws<ArgumentException>(() => policy.Choose(new BanditContext(Features: [1.0, 2.0, 3.0])));
    }
}
