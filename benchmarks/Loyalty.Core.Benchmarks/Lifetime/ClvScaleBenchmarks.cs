using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Benchmarks.Lifetime;

/// <summary>
/// Fit and predict for 10 million synthetic customers drawn from BG/NBD with CDNOW-like parameters (T uniform on
/// 1..52 weeks, daily resolution). Simulation is setup, not measured. Fit: validation, pattern compression and
/// the parallel likelihood; predict: P(alive) and 52-week expected purchases for every customer (once per pattern).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ClvScaleBenchmarks
{
    private static readonly BgNbdModel Truth = new(0.25, 4.0, 0.8, 2.5);
    private CustomerSummary[] _customers = [];

    [Params(10_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _customers = CustomerSimulator.Simulate(Truth, new SimulationSettings(Customers, 1, 52, Resolution: 1.0 / 7, Seed: 42));

    [Benchmark]
    public double FitAndPredictBgNbd()
    {
        var customers = CustomerBase.From(_customers);
        var model = new BgNbdFitter().FitModel(customers);
        var predictions = BatchPrediction.Predict(model, customers, 52);
        return model.R + predictions.ExpectedPurchases[^1] + predictions.ProbabilityAlive[^1];
    }
}
