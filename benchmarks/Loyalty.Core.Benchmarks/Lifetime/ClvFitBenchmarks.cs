using BenchmarkDotNet.Attributes;
using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Benchmarks.Lifetime;

/// <summary>Fitting each model on CDNOW (2,357 customers) or the donations table: the full fit as a user calls it,
/// including pattern compression, the optimizer and the Hessian for standard errors.</summary>
[MemoryDiagnoser]
public class ClvFitBenchmarks
{
    private CustomerSummary[] _customers = [];
    private DiscretePattern[] _donations = [];

    [GlobalSetup]
    public void Setup()
    {
        _customers = CdnowBenchmarkData.Customers();
        _donations = CdnowBenchmarkData.Donations();
    }

    [Benchmark]
    public double BgNbd() => new BgNbdFitter().FitModel(_customers).R;

    [Benchmark]
    public double ModifiedBgNbd() => new ModifiedBgNbdFitter().FitModel(_customers).R;

    [Benchmark]
    public double ParetoNbd() => new ParetoNbdFitter().FitModel(_customers).R;

    [Benchmark]
    public double GammaGamma() => new GammaGammaFitter().Fit(_customers).P;

    [Benchmark]
    public double BgBb() => new BetaGeometricBetaBinomialFitter().Fit(_donations).Alpha;
}
