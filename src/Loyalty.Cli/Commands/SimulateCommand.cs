using System.CommandLine;
using System.Globalization;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core.Simulation;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty simulate</c>: runs a reward policy on a simulated customer base with known ground truth.</summary>
internal static class SimulateCommand
{
    private static readonly string[] PolicyNames = ["thompson", "epsilon-greedy", "linucb", "ucb1", "random", "oracle"];

    internal static Command Create()
    {
        var customers = new Option<int>("--customers") { Description = "Customers in the simulated base.", DefaultValueFactory = _ => 1000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds (offer cycles) to simulate.", DefaultValueFactory = _ => 52 };
        var policy = new Option<string>("--policy") { Description = "thompson, epsilon-greedy, linucb, ucb1, random or oracle.", DefaultValueFactory = _ => "thompson" };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var command = new Command("simulate", "Simulates a customer base and compares a reward policy with the oracle and random choice.")
        {
            customers, rounds, policy, seed, json,
        };

        command.SetAction(parse =>
        {
            string name = CommonOptions.Choice(parse.GetValue(policy)!, "--policy", PolicyNames);
            var kind = name switch
            {
                "thompson" => SimulatedPolicy.Thompson,
                "epsilon-greedy" => SimulatedPolicy.EpsilonGreedy,
                "linucb" => SimulatedPolicy.LinUcb,
                "ucb1" => SimulatedPolicy.Ucb1,
                "random" => SimulatedPolicy.Random,
                _ => SimulatedPolicy.Oracle,
            };
            int customerCount = parse.GetValue(customers);
            int roundCount = parse.GetValue(rounds);
            if (customerCount < 1 || roundCount < 1)
            {
                throw new UserInputException(customerCount < 1
                    ? $"--customers: must be at least 1 (was {customerCount})."
                    : $"--rounds: must be at least 1 (was {roundCount}).");
            }

            var simulator = new CustomerBaseSimulator(new SimulationOptions
            {
                Customers = customerCount,
                Rounds = roundCount,
                Seed = parse.GetValue(seed) ?? 0,
            });
            var result = simulator.Run(kind);
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                CliJson.Write(stdout, new
                {
                    policy = result.Policy,
                    rounds = result.Rounds,
                    decisions = result.Decisions,
                    totalReward = result.TotalReward,
                    expectedReward = result.ExpectedReward,
                    oracleReward = result.OracleReward,
                    randomReward = result.RandomReward,
                    regret = result.Regret,
                    rewardByRound = result.RewardByRound,
                });
            }
            else
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Policy}: {result.Rounds} rounds, {result.Decisions} offers; reward {result.TotalReward:0} " +
                    $"(expected {result.ExpectedReward:0.0}), oracle {result.OracleReward:0.0}, random {result.RandomReward:0.0}, " +
                    $"regret {result.Regret:0.0} ({result.ExpectedReward / result.OracleReward:P1} of oracle)."));
            }

            return CliRunner.Success;
        });
        return command;
    }
}
