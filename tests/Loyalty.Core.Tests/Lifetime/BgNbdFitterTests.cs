using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class BgNbdFitterTests
{
    private static readonly Lazy<BgNbdModel> Fitted = new(() => new BgNbdFitter().FitModel(CdnowData.Customers));

    [Fact]
    public void FitModel_Cdnow_MatchesRBtydParameters()
    {
        // Published: R BTYD (bgnbd.EstimateParameters on the CDNOW sample): r .2425982, α 4.4136842, a .7929899, b 2.4261667;
        // LL −9582.429 on unrounded data (the bundled file rounds to 2 dp; −9582.43 in Fader, Hardie & Lee 2005).
        var m = Fitted.Value;
        Assert.True(m.Report!.Converged, m.Report.Message);
        AssertRelative(0.2425982, m.R, 1e-3);
        AssertRelative(4.4136842, m.Alpha, 1e-3);
        AssertRelative(0.7929899, m.A, 1e-3);
        AssertRelative(2.4261667, m.B, 1e-3);
        Assert.InRange(m.LogLikelihood, -9582.43 - 0.05, -9582.43 + 0.05);
        Assert.Equal(1016, m.Report.Patterns);
        Assert.Equal(2357, m.Report.Observations);
    }

    internal static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected} ± {tolerance:P2}, got {actual}");
}
