using Loyalty.Core.Lifetime;
using static Loyalty.Core.Tests.Lifetime.BgNbdFitterTests;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class ModifiedBgNbdFitterTests
{
    private static readonly Lazy<ModifiedBgNbdModel> Fitted = new(() => new ModifiedBgNbdFitter().FitModel(CdnowData.Customers));

    [Fact]
    public void FitModel_Cdnow_MatchesPublishedParameters()
    {
        // Published (lifetimes' test suite for the Batislam et al. 2007 model on CDNOW): r .525, α 6.183, a .891,
        // b 1.614, LL −9582.13. These are 3-4 significant figures, so 0.1 % is about the rounding of the figure.
        var m = Fitted.Value;
        Assert.True(m.Report!.Converged, m.Report.Message);
        AssertRelative(0.525, m.R, 1e-3);
        AssertRelative(6.183, m.Alpha, 1e-3);
        AssertRelative(0.891, m.A, 1e-3);
        AssertRelative(1.614, m.B, 1e-3);
        Assert.InRange(m.LogLikelihood, -9582.13 - 0.05, -9582.13 + 0.05);
    }
}
