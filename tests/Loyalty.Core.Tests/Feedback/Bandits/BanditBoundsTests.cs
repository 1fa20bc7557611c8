using Loyalty.Core.Feedback.Bandits;

namespace Loyalty.Core.Tests.Feedback.Bandits;

/// <summary>Rewards outside a policy's range and restored statistics that cannot be are refused when they arrive.</summary>
public sealed class BanditBoundsTests
{
    private static readonly string[] Arms = ["a", "b"];

    [Theory]
    [InlineData(1e308)]
    [InlineData(-1e308)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    public void Ucb1Update_RewardOutsideZeroOne_ThrowsNamingTheValue(double reward)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Ucb1(Arms).Update(BanditContext.Global, "a", reward));
        Assert.Equal("reward", ex.ParamName);
        Assert.Equal(reward, ex.ActualValue);
    }

    [Fact]
    public void Ucb1Update_RewardInRange_IsLearned()
    {
        var policy = new Ucb1(Arms);
        policy.Update(BanditContext.Global, "a", 1);
        Assert.Equal(1, policy.ModelVersion);
    }

    [Theory]
    [InlineData("ucb1", "[-3,1]")]
    [InlineData("ucb1", "[3,-1]")]
    [InlineData("thompson", "[-1,2]")]
    [InlineData("epsilon-greedy", "[-2,0.5]")]
    public void Restore_NegativeStatistics_ThrowsFormatExceptionAtLoad(string policy, string stats)
    {
        string json = $$$"""{"version":1,"policy":"{{{policy}}}","modelVersion":4,"nextEvent":0,"arms":["a","b"],"statistics":{"":{"a":{{{stats}}}}},"pending":[]}""";
        var ex = Assert.Throws<FormatException>(() => BanditPolicy.Restore(json));
        Assert.Contains("arm 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
    }
}
