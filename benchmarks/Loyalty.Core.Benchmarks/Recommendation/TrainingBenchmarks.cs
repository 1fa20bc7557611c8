using BenchmarkDotNet.Attributes;
using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Benchmarks.Recommendation;

/// <summary>Whole fits (indexing, blocking, 20 epochs) on generated data of MovieLens-100K's shape, for the
/// algorithms side by side. Run: <c>dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter *TrainingBenchmarks*</c>.</summary>
public class TrainingBenchmarks
{
    private Interaction[] _ratings = null!;

    [GlobalSetup]
    public void Setup() => _ratings = SyntheticRatings.Generate(943, 1682, 80_000, seed: 1);

    [Benchmark(Baseline = true)]
    public FactorModel SvdDefaults() => new MatrixFactorizationRecommender().Fit(_ratings);

    [Benchmark]
    public FactorModel SvdDefaultsTwoThreads() => new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Threads = 2 }).Fit(_ratings);

    [Benchmark]
    public FactorModel SvdPlusPlusDefaults() => new SvdPlusPlusRecommender().Fit(_ratings);

    [Benchmark]
    public FactorModel ImplicitAls() => new ImplicitAlsRecommender().Fit(_ratings);

    [Benchmark]
    public KnnModel ItemKnn() => new KnnRecommender().Fit(_ratings);
}
