using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class BgNbdModelTests
{
    // The published checks use the rounded parameters r .243, α 4.414, a .793, b 2.426 (Fader, Hardie & Lee 2005 and
    // their Excel notes); the figures are as printed there.
    private static readonly BgNbdModel Published = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void ProbabilityOfPurchases_NoPurchaseIn39Weeks_MatchesPublished() =>
        Assert.Equal(0.5737864, Published.ProbabilityOfPurchases(39, 0), 1e-6);

    [Fact]
    public void ProbabilityOfPurchases_TenInTwoWeeks_MatchesPublished() =>
        Assert.Equal(1.07869e-7, Published.ProbabilityOfPurchases(2, 10), 1e-11);

    [Theory]
    [InlineData(1, 0.0532)]
    [InlineData(3, 0.1506)]
    [InlineData(32, 1.0437)]
    [InlineData(78, 1.8576)]
    public void ExpectedPurchasesUnconditional_FittedCdnow_MatchesPublished(double t, double expected)
    {
        // These figures come from the unrounded fit (with the rounded parameters above E[X(78)] is 1.8605), so we use
        // our own CDNOW fit; the published values are printed to 4 decimals and marked "≈", hence 5e-4.
        var fitted = new BgNbdFitter().FitModel(CdnowData.Customers);
        Assert.Equal(expected, fitted.ExpectedPurchasesUnconditional(t), 0.0005);
    }

    [Fact]
    public void ExpectedPurchases_PublishedCustomer_Matches()
    {
        var c = new CustomerSummary(new CustomerId("1"), 2, 30.43, 38.86, 0);
        Assert.Equal(1.226, Published.ExpectedPurchases(c, 39), 0.0005);
    }

    [Fact]
    public void ExpectedPurchases_HundredsOfPurchases_Finite()
    {
        var c = new CustomerSummary(new CustomerId("heavy"), 800, 38.0, 38.86, 0);
        double e = Published.ExpectedPurchases(c, 52);
        Assert.True(double.IsFinite(e) && e > 0, e.ToString());
        // A customer with 800 purchases in 38 weeks keeps buying at about (r+x)/(α+T) per week while alive.
        double rate = (0.243 + 800) / (4.414 + 38.86);
        Assert.InRange(e, 0.5 * rate * 52 * Published.ProbabilityAlive(c), 1.01 * rate * 52);
        Assert.True(double.IsFinite(Published.ProbabilityOfPurchases(52, 600)));
    }

    [Fact]
    public void ExpectedPurchases_AEqualsOne_IsTheLimit()
    {
        var c = new CustomerSummary(new CustomerId("x"), 3, 20, 38, 0);
        double at = new BgNbdModel(0.3, 4, 1.0, 2.5).ExpectedPurchases(c, 30);
        double below = new BgNbdModel(0.3, 4, 1.0 - 1e-7, 2.5).ExpectedPurchases(c, 30);
        double above = new BgNbdModel(0.3, 4, 1.0 + 1e-7, 2.5).ExpectedPurchases(c, 30);
        Assert.Equal(below, at, 1e-6);
        Assert.Equal(above, at, 1e-6);
    }

    [Fact]
    public void ProbabilityAlive_RecencyBeyondT_ThrowsNamingField()
    {
        var c = new CustomerSummary(new CustomerId("x"), 3, 40.2, 38.9, 0);
        var ex = Assert.Throws<ArgumentException>(() => Published.ProbabilityAlive(c));
        Assert.Contains("Recency (40.2) exceeds T (38.9)", ex.Message);
    }
}
