using Loyalty.Cli.Input;
using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class BetaGeometricBetaBinomialFitterTests
{
    private static readonly Lazy<BetaGeometricBetaBinomialModel> Fitted = new(() =>
        new BetaGeometricBetaBinomialFitter().Fit(SummaryReader.ReadDiscrete(TestData.Bundled("cdnow", "donations.csv"))));

    [Fact]
    public void Fit_Donations_MatchesFaderHardieShang()
    {
        // Published: Fader, Hardie & Shang (2010): α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33225.58 (11,104 donors).
        // 4 significant digits: tolerance 0.1 % or half a unit of the last digit.
        var m = Fitted.Value;
        Assert.True(m.Report!.Converged, $"{m.Report.Message} {m.Alpha} {m.Beta} {m.Gamma} {m.Delta} {m.LogLikelihood} {m.Report.GradientNorm} {m.Report.Iterations}");
        Assert.Equal(11104, m.Report.Observations);
        AssertPublished(1.204, m.Alpha);
        AssertPublished(0.750, m.Beta);
        AssertPublished(0.657, m.Gamma);
        AssertPublished(2.783, m.Delta);
        Assert.InRange(m.LogLikelihood, -33225.58 - 0.05, -33225.58 + 0.05);
    }

    [Theory]
    [InlineData(0, 0, 0.11)]
    [InlineData(2, 4, 0.59)]
    [InlineData(6, 6, 0.93)]
    public void ProbabilityAlive_PublishedPatterns_MatchTwoDecimals(int x, int tx, double expected) =>
        Assert.Equal(expected, Fitted.Value.ProbabilityAlive(new DiscretePattern(x, tx, 6)), 0.005);

    [Fact]
    public void ProbabilityOfPurchases_SumsToOne()
    {
        var m = Fitted.Value;
        Assert.Equal(1.0, Enumerable.Range(0, 11).Sum(x => m.ProbabilityOfPurchases(10, x)), 1e-12);
    }

    [Fact]
    public void ExpectedPurchasesUnconditional_EqualsMeanOfDistribution()
    {
        var m = Fitted.Value;
        double mean = Enumerable.Range(0, 8).Sum(x => x * m.ProbabilityOfPurchases(7, x));
        Assert.Equal(mean, m.ExpectedPurchasesUnconditional(7), 1e-10);
    }

    [Fact]
    public void Fit_RecencyBeyondPeriods_ThrowsNamingRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BetaGeometricBetaBinomialFitter().Fit([new(1, 1, 6, 5), new(2, 7, 6, 1)]));
        Assert.Contains("patterns[1].Recency (7) exceeds Periods (6)", ex.Message);
    }

    private static void AssertPublished(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Max(1e-3 * expected, 0.0005), $"expected {expected}, got {actual}");
}
