using BenchmarkDotNet.Attributes;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Benchmarks.Recommendation;

/// <summary>The kernels alone on one padded 100-factor row pair (112 floats, cache-resident): the lower bound of
/// a rating update. Run: <c>dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter *DotKernel*</c>.</summary>
public class DotKernelBenchmarks
{
    private readonly float[] _p = new float[112];
    private readonly float[] _q = new float[112];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int i = 0; i < 100; i++)
        {
            _p[i] = (float)random.NextDouble() * 0.1f;
            _q[i] = (float)random.NextDouble() * 0.1f;
        }
    }

    [Benchmark(Baseline = true)]
    public float FusedUpdateScalar() => DotKernels.FusedSgdScalar(_p, _q, 4f, 3.5f, 0.005f, 0.02f);

    [Benchmark]
    public float FusedUpdateSimd() => DotKernels.FusedSgd(_p, _q, 4f, 3.5f, 0.005f, 0.9999f);

    [Benchmark]
    public float DotScalar() => DotKernels.DotScalar(_p, _q);

    [Benchmark]
    public float DotSimd() => DotKernels.Dot(_p, _q);
}
