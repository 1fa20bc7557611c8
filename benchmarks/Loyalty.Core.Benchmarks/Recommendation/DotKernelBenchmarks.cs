using BenchmarkDotNet.Attributes;
using Loyalty.Core.Numerics;
using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Benchmarks.Recommendation;

/// <summary>The kernels alone on one padded 100-factor row pair (112 floats, cache-resident): the lower bound of
/// a rating update. Run: <c>dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter *DotKernel*</c>.</summary>
public class DotKernelBenchmarks
{
    private readonly float[] _p = new float[112];
    private readonly float[] _q = new float[112];
    private readonly SgdLanes _lanes = new(100, 112, 0.005f, 0.02f, 0.02f, useBiases: true);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int i = 0; i < 100; i++)
        {
            _p[i] = (float)random.NextDouble() * 0.1f;
            _q[i] = (float)random.NextDouble() * 0.1f;
        }

        // The augmented layout's bias cells (see AugmentedFactors): [p, b_u, 1], [q, 1, b_i].
        _p[101] = 1f;
        _q[100] = 1f;
    }

    [Benchmark(Baseline = true)]
    public float AugmentedStepScalar() => BiasedSgdKernel.StepScalar(_p, _q, 100, 4f, 3.5f, 0.005f, 0.02f, 0.02f, true);

    [Benchmark]
    public float AugmentedStepSimd() => BiasedSgdKernel.Step(_p, _q, 4f, 3.5f, _lanes);

    [Benchmark]
    public float DotScalar() => DotKernels.DotScalar(_p, _q);

    [Benchmark]
    public float DotSimd() => DotKernels.Dot(_p, _q);
}
