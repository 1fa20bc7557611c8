using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class GammaGammaFitterTests
{
    private static readonly Lazy<GammaGammaModel> Fitted = new(() => new GammaGammaFitter().Fit(CdnowData.Customers));

    [Fact]
    public void Fit_Cdnow_MatchesPublishedParameters()
    {
        // Published (Fader, Hardie & Lee 2005 JMR; Hardie note 025): p 6.25, q 3.74, γ 15.44, LL −4055.92 on the 946
        // repeat buyers. The figures carry 3-4 significant digits, so the tolerance is 0.1 % or half a unit of the last
        // printed digit, whichever is larger (q = 3.74 means 3.735..3.745).
        var m = Fitted.Value;
        Assert.True(m.Report!.Converged, m.Report.Message);
        Assert.Equal(946, m.Report.Observations);
        AssertPublished(6.25, 0.005, m.P);
        AssertPublished(3.74, 0.005, m.Q);
        AssertPublished(15.44, 0.005, m.Gamma);
        Assert.InRange(m.LogLikelihood, -4055.92 - 0.05, -4055.92 + 0.05);
    }

    [Fact]
    public void ExpectedAverageSpend_FirstTenCdnowCustomers_MatchPublished()
    {
        double[] published = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
        var m = Fitted.Value;
        for (int i = 0; i < published.Length; i++)
        {
            var c = CdnowData.Customers[i];
            Assert.Equal(published[i], m.ExpectedAverageSpend(c.Frequency, c.MonetaryValue), 0.01 + (published[i] * 1e-3));
        }
    }

    [Fact]
    public void Fit_RepeatBuyerWithZeroSpend_ThrowsNamingRow()
    {
        var customers = CdnowData.Customers.Take(5).ToList();
        customers[1] = customers[1] with { MonetaryValue = 0 };
        var ex = Assert.Throws<ArgumentException>(() => new GammaGammaFitter().Fit(customers));
        Assert.Contains("customers[1].MonetaryValue (0)", ex.Message);
    }

    [Fact]
    public void ExpectedAverageSpend_QBelowOne_ThrowsInsteadOfNegative()
    {
        var m = new GammaGammaModel(2, 0.5, 10);
        Assert.Throws<InvalidOperationException>(() => m.ExpectedAverageSpend(0, 0));
        Assert.True(m.ExpectedAverageSpend(3, 20) > 0);
    }

    private static void AssertPublished(double expected, double halfUnit, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Max(1e-3 * expected, halfUnit), $"expected {expected}, got {actual}");
}
