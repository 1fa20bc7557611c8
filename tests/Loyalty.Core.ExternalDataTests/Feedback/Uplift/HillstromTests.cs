using Loyalty.Core.Feedback.Uplift;

namespace Loyalty.Core.Tests.Feedback.Uplift;

/// <summary>Reproduces the published Hillstrom (MineThatData 2008) figures from /work/shared/data/hillstrom.</summary>
[Trait("Category", "External")]
public sealed class HillstromTests : IClassFixture<ExternalResourceLog>
{
    private const string Mens = "Mens E-Mail";
    private const string Womens = "Womens E-Mail";
    private const string Control = "No E-Mail";

    private static readonly Lazy<Dictionary<string, ExperimentTable>> Tables = new(() =>
        new[] { "visit", "conversion", "spend" }.ToDictionary(
            outcome => outcome,
            outcome => ExperimentTable.ReadCsv(TestData.Shared("hillstrom", "hillstrom.csv"), "segment", outcome, ["newbie"])));

    [SkippableTheory]
    [InlineData("visit", Mens, 0.076590)]
    [InlineData("conversion", Mens, 0.006805)]
    [InlineData("spend", Mens, 0.7698)]
    [InlineData("visit", Womens, 0.045233)]
    [InlineData("conversion", Womens, 0.003111)]
    [InlineData("spend", Womens, 0.4244)]
    public void Compare_CampaignVersusNoEmail_ReproducesPublishedEffect(string outcome, string campaign, double published)
    {
        var effect = Tables.Value[outcome].Compare(campaign, Control);

        Assert.Equal(published, effect.Uplift, 1e-4);
        Assert.True(effect.CiLow > 0, "the published effects are all significant");
        Assert.InRange(effect.Uplift, effect.CiLow, effect.CiHigh);
        Assert.Equal(21_306, effect.Control);
    }

    [SkippableTheory]
    [InlineData("visit", 0.14678)]
    [InlineData("conversion", 0.00903)]
    [InlineData("spend", 1.05091)]
    public void OverallMean_AllRows_ReproducesPublishedRates(string outcome, double published)
    {
        var table = Tables.Value[outcome];
        Assert.Equal(64_000, table.Rows.Count);
        Assert.Equal(published, table.OverallMean, 1e-4);
    }

    [SkippableFact]
    public void Subset_WomensVersusControl_HasThePublishedGroupCounts()
    {
        var units = Tables.Value["visit"].Subset(Womens, Control);

        Assert.Equal(42_693, units.Count);
        Assert.Equal(19_044, units.Count(u => !u.Treated && u.Outcome == 0));
        Assert.Equal(2_262, units.Count(u => !u.Treated && u.Outcome == 1));
        Assert.Equal(18_149, units.Count(u => u.Treated && u.Outcome == 0));
        Assert.Equal(3_238, units.Count(u => u.Treated && u.Outcome == 1));
    }

    [SkippableFact]
    public void TwoModelUplift_WomensVisitByNewbie_ReproducesStratumEffects()
    {
        var units = Tables.Value["visit"].Subset(Womens, Control);
        var model = TwoModelUplift.Fit(units, priorStrength: 0);

        Assert.Equal(0.04012, model.Predict("0"), 1e-4);
        Assert.Equal(0.05042, model.Predict("1"), 1e-4);

        var curve = UpliftCurve.Evaluate(TwoModelUplift.CrossFitScores(units), units);
        Assert.InRange(curve.Points[^1].Uplift, 0.045233 - 1e-4, 0.045233 + 1e-4);
    }
}
