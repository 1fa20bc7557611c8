using Loyalty.Core.Feedback.Uplift;

namespace Loyalty.Core.Tests.Feedback.Uplift;

public sealed class UpliftModelTests
{
    /// <summary>Two strata: "responders" gain 0.3 from treatment, "others" nothing. Randomised 50/50.</summary>
    private static List<UpliftObservation> Experiment(int n, int seed)
    {
        var random = new Random(seed);
        var units = new List<UpliftObservation>(n);
        for (int i = 0; i < n; i++)
        {
            bool responder = random.NextDouble() < 0.3;
            bool treated = random.NextDouble() < 0.5;
            double p = 0.1 + (responder && treated ? 0.3 : 0);
            units.Add(new UpliftObservation(responder ? "responders" : "others", treated, random.NextDouble() < p ? 1 : 0));
        }

        return units;
    }

    [Fact]
    public void Compare_KnownGroups_WelchIntervalMatchesHandComputation()
    {
        double[] treated = [1, 0, 1, 1, 0];
        double[] control = [0, 0, 1, 0];
        var effect = TreatmentEffect.Compare(treated, control);

        double se = Math.Sqrt((0.3 / 5) + (0.25 / 4)); // sample variances 0.3 and 0.25
        Assert.Equal(0.6 - 0.25, effect.Uplift, 12);
        Assert.Equal(se, effect.StandardError, 12);
        Assert.Equal(0.35 - (1.959963984540054 * se), effect.CiLow, 9);
        Assert.Equal(0.35 + (1.959963984540054 * se), effect.CiHigh, 9);
    }

    [Fact]
    public void Compare_TooFewUnitsAndBadConfidence_AllReported()
    {
        var ex = Assert.Throws<ArgumentException>(() => TreatmentEffect.Compare([1], [], confidence: 2));
        Assert.Contains("treated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("control", ex.Message, StringComparison.Ordinal);
        Assert.Contains("confidence", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoModelUplift_TwoStrata_RecoversStratumEffects()
    {
        var model = TwoModelUplift.Fit(Experiment(20_000, 1), priorStrength: 0);

        Assert.Equal(0.3, model.Predict("responders"), 0.03);
        Assert.Equal(0.0, model.Predict("others"), 0.02);
        Assert.Equal(model.TreatedMean - model.ControlMean, model.Predict("unseen"), 12);
        Assert.Throws<ArgumentException>(() => TwoModelUplift.Fit([new UpliftObservation("", true, 1)]));
    }

    [Fact]
    public void UpliftCurve_InformativeScores_BeatRandomAndReversedScoresLose()
    {
        var units = Experiment(20_000, 2);
        var scores = TwoModelUplift.CrossFitScores(units);
        var good = UpliftCurve.Evaluate(scores, units);
        var reversed = UpliftCurve.Evaluate([.. scores.Select(s => -s)], units);

        Assert.True(good.Qini > 0.01, $"Qini {good.Qini}");
        Assert.True(reversed.Qini < -0.01, $"Qini {reversed.Qini}");
        Assert.True(good.Auuc > good.RandomAuuc);
        Assert.True(reversed.Auuc < reversed.RandomAuuc);
        Assert.Equal(1.0, good.Points[^1].Fraction, 12);
        Assert.Equal(good.Points[^1].Qini, reversed.Points[^1].Qini, 12);
    }

    [Fact]
    public void UpliftCurve_ConstantScores_QiniIsZero()
    {
        var units = Experiment(1000, 3);
        var curve = UpliftCurve.Evaluate(new double[units.Count], units);

        Assert.Single(curve.Points);
        Assert.Equal(0.0, curve.Qini, 12);
        Assert.Equal(curve.RandomAuuc, curve.Auuc, 12);
        Assert.Throws<ArgumentException>(() => UpliftCurve.Evaluate([1.0], units));
    }
}
