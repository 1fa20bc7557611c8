using Loyalty.Core.Features;

namespace Loyalty.Core.Tests.Features;

public sealed class FormulaTests
{
    [Fact]
    public void Clv_SeedWorkedExample_Is2021Point04NotTheSeedsMisprint()
    {
        double clv = DiscountedCashFlow.Clv([1000, 800, 600], 0.10);
        Assert.Equal(2021.04, clv, 0.005);
        Assert.NotEqual(2366.67, clv, 0.5);
    }

    [Fact]
    public void Clv_ZeroRate_IsTheSum() => Assert.Equal(6.0, DiscountedCashFlow.Clv([1, 2, 3], 0), 12);

    [Fact]
    public void Clv_RateAtMinusOne_ThrowsNamingTheRate() =>
        Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => DiscountedCashFlow.Clv([1], -1)).ParamName);

    [Fact]
    public void Clv_NaNCashFlow_ThrowsNamingIndex() =>
        Assert.Contains("cashFlows[1]", Assert.Throws<ArgumentOutOfRangeException>(() => DiscountedCashFlow.Clv([1, double.NaN], 0.1)).Message, StringComparison.Ordinal);

    [Fact]
    public void LoyaltyScore_SeedWorkedExample_Is12Point3() =>
        Assert.Equal(12.3, LoyaltyScore.Compute(LoyaltyWeights.Default, [3, 4, 5], [4.5, 4.5, 4.5], [3.5, 3.5, 3.5]), 1e-12);

    [Fact]
    public void LoyaltyScore_MismatchedPeriods_Throws() =>
        Assert.Throws<ArgumentException>(() => LoyaltyScore.Compute(LoyaltyWeights.Default, [1, 2], [1], [1, 2]));

    [Fact]
    public void LoyaltyWeights_NegativeAndNaN_BothReported()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LoyaltyWeights(-1, double.NaN, 0).Validate());
        Assert.Contains("Alpha", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Beta", ex.Message, StringComparison.Ordinal);
    }
}
