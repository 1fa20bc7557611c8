using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class ClvCalculatorTests
{
    private static readonly BgNbdModel Purchases = new BgNbdFitter().FitModel(CdnowData.Customers);
    private static readonly GammaGammaModel Spend = new GammaGammaFitter().Fit(CdnowData.Customers);

    [Fact]
    public void Estimate_NoDiscount_EqualsSpendTimesPurchases()
    {
        var calc = new ClvCalculator(Purchases, Spend, new ClvOptions { Horizon = 52, MonthlyDiscountRate = 0 });
        var c = CdnowData.Customers[0];
        var e = calc.Estimate(c);
        Assert.Equal(e.ExpectedAverageSpend * e.ExpectedPurchases, e.Clv, 1e-9 * e.Clv);
    }

    [Fact]
    public void Estimate_Discounting_MatchesMonthlySumByHand()
    {
        // 12 months of 4.345 weeks at 1 %/month: Σ E[M]·ΔE[Y]/(1.01)^i.
        var opts = new ClvOptions { Horizon = 12 * 4.345, MonthlyDiscountRate = 0.01 };
        var c = CdnowData.Customers[0];
        double byHand = 0, previous = 0;
        for (int i = 1; i <= 12; i++)
        {
            double y = Purchases.ExpectedPurchases(c, i * 4.345);
            byHand += (y - previous) / Math.Pow(1.01, i);
            previous = y;
        }

        byHand *= Spend.ExpectedAverageSpend(c.Frequency, c.MonetaryValue);
        Assert.Equal(byHand, new ClvCalculator(Purchases, Spend, opts).Estimate(c).Clv, 1e-9 * byHand);
    }

    [Fact]
    public void Estimate_HigherDiscountRate_LowersClv()
    {
        var c = CdnowData.Customers[5];
        double low = new ClvCalculator(Purchases, Spend, new ClvOptions { MonthlyDiscountRate = 0.005 }).Estimate(c).Clv;
        double high = new ClvCalculator(Purchases, Spend, new ClvOptions { MonthlyDiscountRate = 0.05 }).Estimate(c).Clv;
        Assert.True(high < low && high > 0);
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClvCalculator(Purchases, Spend, new ClvOptions { Horizon = -1, MonthlyDiscountRate = double.NaN, UnitsPerMonth = 0 }));
        Assert.Contains("ClvOptions.Horizon must be a finite number > 0 (was -1)", ex.Message);
        Assert.Contains("ClvOptions.MonthlyDiscountRate must be a finite number >= 0 (was NaN)", ex.Message);
        Assert.Contains("ClvOptions.UnitsPerMonth must be a finite number > 0 (was 0)", ex.Message);
    }

    [Fact]
    public void ParameterResampling_SameSeed_SameIntervalsContainingEstimate()
    {
        var calc = new ClvCalculator(Purchases, Spend, new ClvOptions { Horizon = 52 });
        var customers = CdnowData.Customers.Take(30).ToList();
        var first = ClvBootstrap.ParameterResampling(calc, customers, draws: 60, seed: 7);
        var second = ClvBootstrap.ParameterResampling(calc, customers, draws: 60, seed: 7);
        Assert.Equal(first, second);
        for (int i = 0; i < customers.Count; i++)
        {
            double clv = calc.Estimate(customers[i]).Clv;
            Assert.True(first[i].Lower <= first[i].Median && first[i].Median <= first[i].Upper);
            Assert.InRange(clv, first[i].Lower * 0.98, first[i].Upper * 1.02);
        }
    }
}
