using System.Text.Json;

namespace Loyalty.Core.Tests.Cli;

public sealed class SimulateCommandTests
{
    [Fact]
    public void Simulate_Json_PrintsOneObjectWithTheContractFields()
    {
        var (exit, stdout, stderr) = CliHarness.Run("simulate", "--customers", "300", "--rounds", "8", "--policy", "thompson", "--seed", "3", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("thompson", root.GetProperty("policy").GetString());
        Assert.Equal(8, root.GetProperty("rounds").GetInt32());
        Assert.Equal(8, root.GetProperty("rewardByRound").GetArrayLength());
        double total = root.GetProperty("rewardByRound").EnumerateArray().Sum(e => e.GetDouble());
        Assert.Equal(total, root.GetProperty("totalReward").GetDouble(), 9);
        Assert.True(root.GetProperty("oracleReward").GetDouble() > root.GetProperty("randomReward").GetDouble());
        Assert.True(root.GetProperty("regret").GetDouble() >= 0);
    }

    [Fact]
    public void Simulate_SameSeed_SameOutput()
    {
        var first = CliHarness.Run("simulate", "--customers", "200", "--rounds", "5", "--policy", "ucb1", "--seed", "9", "--json");
        var second = CliHarness.Run("simulate", "--customers", "200", "--rounds", "5", "--policy", "UCB1", "--seed", "9", "--json");
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Theory]
    [InlineData("--policy", "greedy", "--policy")]
    [InlineData("--customers", "0", "--customers")]
    [InlineData("--rounds", "-3", "--rounds")]
    public void Simulate_BadArgument_ExitsTwoNamingTheOption(string option, string value, string named)
    {
        var (exit, stdout, stderr) = CliHarness.Run("simulate", option, value, "--json");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Simulate_WithoutJson_PrintsOneSummaryLine()
    {
        var (exit, stdout, stderr) = CliHarness.Run("simulate", "--customers", "100", "--rounds", "3", "--policy", "oracle");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.StartsWith("oracle: 3 rounds", stdout, StringComparison.Ordinal);
        Assert.Contains("100.0 % of oracle", stdout, StringComparison.Ordinal);
    }
}
