using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class ShiftedBetaGeometricFitterTests
{
    // Fader & Hardie (2007), "How to project customer retention", survivors per 1000 over 12 years; fit on years 0-7.
    private static readonly double[] Regular = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
    private static readonly double[] HighEnd = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];

    [Theory]
    [InlineData(true, 0.704, 1.182)]
    [InlineData(false, 0.668, 3.806)]
    public void Fit_PublishedCohorts_ParametersToThreeDecimals(bool regular, double alpha, double beta)
    {
        var counts = (regular ? Regular : HighEnd).Take(8).ToArray();
        var m = new ShiftedBetaGeometricFitter().Fit(counts);
        Assert.True(m.Report!.Converged, m.Report.Message);
        Assert.Equal(alpha, m.Alpha, 0.0005);
        Assert.Equal(beta, m.Beta, 0.0005);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Survival_ProjectedYears8To12_TracksActualWithinFivePercent(bool regular)
    {
        // The paper's point: fitted on years 1-7, the sBG projects years 8-12 within a few percent of what happened.
        var counts = regular ? Regular : HighEnd;
        var m = new ShiftedBetaGeometricFitter().Fit(counts.Take(8).ToArray());
        for (int t = 8; t <= 12; t++)
        {
            Assert.InRange(1000 * m.Survival(t), counts[t] * 0.95, counts[t] * 1.05);
        }
    }

    [Fact]
    public void Fit_IncreasingCount_ThrowsNamingIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShiftedBetaGeometricFitter().Fit([100, 80, 90, -1]));
        Assert.Contains("survivors[2] (90) exceeds survivors[1] (80)", ex.Message);
        Assert.Contains("survivors[3] (-1)", ex.Message);
    }

    [Fact]
    public void RetentionRate_IncreasesWithTenure()
    {
        var m = new ShiftedBetaGeometricModel(0.704, 1.182);
        for (int t = 2; t < 20; t++)
        {
            Assert.True(m.RetentionRate(t) > m.RetentionRate(t - 1));
        }
    }
}
