using BenchmarkDotNet.Attributes;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Benchmarks.Segmentation;

/// <summary>Whole fits on 1M × 16 blobs with k = 16: ten Lloyd or Hamerly iterations from fixed centroids, and greedy
/// k-means++ alone, on one and two threads.
/// Run: dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter '*KMeansFit*'</summary>
public class KMeansFitBenchmarks
{
    private const int K = 16;
    private FeatureMatrix _features = null!;
    private FeatureMatrix _start = null!;

    /// <summary>Threads used.</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        const int rows = 1_000_000, d = 16;
        var random = new Random(7);
        var centres = Enumerable.Range(0, 32 * d).Select(_ => random.NextDouble() * 20 - 10).ToArray();
        var data = new float[rows * d];
        for (int i = 0; i < rows; i++)
        {
            int blob = random.Next(32);
            for (int j = 0; j < d; j++)
            {
                data[i * d + j] = (float)(centres[blob * d + j] + 4 * (random.NextDouble() - 0.5) * 3.46);
            }
        }

        _features = new FeatureMatrix(data, rows, d);
        _start = new KMeans(new KMeansOptions { K = K, MaxIterations = 1, Seed = 42 }).Fit(_features).Centroids;
    }

    [Benchmark(Baseline = true)]
    public double LloydTenIterations() => Fit(KMeansAlgorithm.Lloyd);

    [Benchmark]
    public double HamerlyTenIterations() => Fit(KMeansAlgorithm.Hamerly);

    [Benchmark]
    public double KMeansPlusPlusInit() =>
        new KMeans(new KMeansOptions { K = K, MaxIterations = 1, Seed = 42, MaxDegreeOfParallelism = Threads }).Fit(_features).InitSeconds;

    private double Fit(KMeansAlgorithm algorithm) => new KMeans(new KMeansOptions
    {
        K = K, Algorithm = algorithm, Initialization = KMeansInitialization.Given, InitialCentroids = _start,
        MaxIterations = 10, Tolerance = 0, MaxDegreeOfParallelism = Threads,
    }).Fit(_features).Inertia;
}
