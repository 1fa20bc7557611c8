using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class SimulationRecoveryTests
{
    [Fact]
    public void BgNbdFitter_SimulatedCohort_RecoversParametersWithinFourStandardErrors()
    {
        var truth = new BgNbdModel(0.25, 4.0, 0.8, 2.5);
        var data = CustomerSimulator.Simulate(truth, new SimulationSettings(20_000, 10, 60, Seed: 11));
        var fit = new BgNbdFitter().FitModel(data);
        AssertRecovered(truth.Parameters, fit.Parameters, fit.Report!);
    }

    [Fact]
    public void ModifiedBgNbdFitter_SimulatedCohort_RecoversParametersWithinFourStandardErrors()
    {
        var truth = new ModifiedBgNbdModel(0.5, 6.0, 0.9, 1.6);
        var data = CustomerSimulator.Simulate(truth, new SimulationSettings(20_000, 10, 60, Seed: 12));
        var fit = new ModifiedBgNbdFitter().FitModel(data);
        AssertRecovered(truth.Parameters, fit.Parameters, fit.Report!);
    }

    [Fact]
    public void ParetoNbdFitter_SimulatedCohort_RecoversParametersWithinFourStandardErrors()
    {
        var truth = new ParetoNbdModel(0.55, 10.5, 0.6, 11.7);
        var data = CustomerSimulator.Simulate(truth, new SimulationSettings(10_000, 10, 60, Resolution: 1.0 / 7, Seed: 13));
        var fit = new ParetoNbdFitter().FitModel(data);
        AssertRecovered(truth.Parameters, fit.Parameters, fit.Report!);
    }

    [Fact]
    public void Simulate_SameSeed_SameCustomers()
    {
        var truth = new BgNbdModel(0.25, 4.0, 0.8, 2.5);
        var a = CustomerSimulator.Simulate(truth, new SimulationSettings(70_000, Seed: 3));
        var b = CustomerSimulator.Simulate(truth, new SimulationSettings(70_000, Seed: 3));
        Assert.Equal(a, b);
    }

    private static void AssertRecovered(IReadOnlyDictionary<string, double> truth, IReadOnlyDictionary<string, double> fitted, FitReport report)
    {
        Assert.True(report.Converged, report.Message);
        foreach (var (name, value) in truth)
        {
            double se = report.StandardErrors[name];
            Assert.True(se > 0 && double.IsFinite(se), $"{name}: SE {se}");
            Assert.True(Math.Abs(fitted[name] - value) <= 4 * se, $"{name}: fitted {fitted[name]}, true {value}, SE {se}");
        }
    }
}
