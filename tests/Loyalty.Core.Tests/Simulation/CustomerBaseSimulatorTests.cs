using Loyalty.Core.Feedback.Bandits;
using Loyalty.Core.Simulation;

namespace Loyalty.Core.Tests.Simulation;

public sealed class CustomerBaseSimulatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Run_Thompson_ReachesNinetyPercentOfOracleAndBeatsRandom(int seed)
    {
        var simulator = new CustomerBaseSimulator(new SimulationOptions { Customers = 1000, Rounds = 100, Seed = seed });
        var thompson = simulator.Run(SimulatedPolicy.Thompson, new BanditOptions { Seed = seed, MonteCarloDraws = 500 });

        double share = thompson.ExpectedReward / thompson.OracleReward;
        Assert.True(share >= 0.90, $"Thompson earned {share:P1} of the oracle's expected reward");
        Assert.True(thompson.TotalReward >= 0.90 * thompson.OracleReward * 0.97, $"realised {thompson.TotalReward} vs oracle {thompson.OracleReward}");

        // A clear margin: at least two thirds of the way from random to the oracle.
        Assert.True(thompson.ExpectedReward - thompson.RandomReward >= (2.0 / 3) * (thompson.OracleReward - thompson.RandomReward));
        var random = simulator.Run(SimulatedPolicy.Random);
        Assert.True(thompson.TotalReward > random.TotalReward * 1.2, $"Thompson {thompson.TotalReward} vs random {random.TotalReward}");
    }

    [Fact]
    public void Run_SameSeed_SameTrafficForEveryPolicy()
    {
        var simulator = new CustomerBaseSimulator(new SimulationOptions { Customers = 300, Rounds = 10, Seed = 4 });
        var oracle = simulator.Run(SimulatedPolicy.Oracle);
        var random = simulator.Run(SimulatedPolicy.Random);
        var again = new CustomerBaseSimulator(new SimulationOptions { Customers = 300, Rounds = 10, Seed = 4 }).Run(SimulatedPolicy.Random);

        Assert.Equal(oracle.Decisions, random.Decisions);
        Assert.Equal(oracle.OracleReward, random.OracleReward, 9);
        Assert.Equal(0.0, oracle.Regret, 9);
        Assert.Equal(oracle.OracleReward, oracle.ExpectedReward, 9);
        Assert.Equal(random.RewardByRound, again.RewardByRound);
        Assert.Equal(random.TotalReward, random.RewardByRound.Sum(), 9);
        Assert.Equal(10, random.RewardByRound.Count);
    }

    [Theory]
    [InlineData(SimulatedPolicy.EpsilonGreedy)]
    [InlineData(SimulatedPolicy.Ucb1)]
    [InlineData(SimulatedPolicy.LinUcb)]
    public void Run_LearningPolicies_BeatRandom(SimulatedPolicy policy)
    {
        var simulator = new CustomerBaseSimulator(new SimulationOptions { Customers = 1000, Rounds = 52, Seed = 1 });
        var result = simulator.Run(policy);

        Assert.True(result.ExpectedReward > result.RandomReward * 1.1, $"{policy}: {result.ExpectedReward} vs random {result.RandomReward}");
        Assert.True(result.Regret >= 0);
    }

    [Fact]
    public void Options_SeveralProblems_AllReported()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CustomerBaseSimulator(new SimulationOptions { Customers = 0, Rounds = -1, Rewards = 1, MeanVisitRate = double.NaN }));
        foreach (var name in new[] { "Customers", "Rounds", "Rewards", "MeanVisitRate" })
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_PolicyWithForeignArm_Throws()
    {
        var simulator = new CustomerBaseSimulator(new SimulationOptions { Customers = 10, Rounds = 1 });
        Assert.Throws<ArgumentException>(() => simulator.Run(new UniformRandomPolicy(["reward-1", "coupon"])));
    }
}
