using Loyalty.Core.Lifetime;
using static Loyalty.Core.Tests.Lifetime.BgNbdFitterTests;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class TimeUnitInvarianceTests
{
    private static readonly CustomerSummary[] InDays =
        CdnowData.Customers.Select(c => c with { Recency = c.Recency * 7, T = c.T * 7 }).ToArray();

    [Fact]
    public void BgNbdFitter_TimesInDays_ScalesAlphaOnly()
    {
        var weeks = new BgNbdFitter().FitModel(CdnowData.Customers);
        var days = new BgNbdFitter().FitModel(InDays);
        Assert.True(days.Report!.Converged, days.Report.Message);
        AssertRelative(weeks.R, days.R, 1e-5);
        AssertRelative(weeks.Alpha * 7, days.Alpha, 1e-5);
        AssertRelative(weeks.A, days.A, 1e-5);
        AssertRelative(weeks.B, days.B, 1e-5);
        var c = CdnowData.Customers[0];
        Assert.Equal(weeks.ExpectedPurchases(c, 52), days.ExpectedPurchases(InDays[0], 364), 1e-8);
    }

    [Fact]
    public void ParetoNbdFitter_TimesInDays_ScalesRatesOnly()
    {
        var weeks = new ParetoNbdFitter().FitModel(CdnowData.Customers);
        var days = new ParetoNbdFitter().FitModel(InDays);
        Assert.True(days.Report!.Converged, days.Report.Message);
        AssertRelative(weeks.R, days.R, 1e-5);
        AssertRelative(weeks.Alpha * 7, days.Alpha, 1e-5);
        AssertRelative(weeks.S, days.S, 1e-5);
        AssertRelative(weeks.Beta * 7, days.Beta, 1e-5);
    }
}
