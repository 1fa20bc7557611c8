using BenchmarkDotNet.Attributes;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Benchmarks.Segmentation;

/// <summary>One Lloyd assignment-and-sum pass over 1M rows, single thread: the scalar reference (Baseline) against
/// the fused SIMD kernel. Shapes follow the reference data sets (d × k = 8×8, 16×16, 32×64, 4×5).
/// Run: dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter '*AssignmentKernel*'</summary>
[MemoryDiagnoser]
public class AssignmentKernelBenchmarks
{
    private const int Rows = 1_000_000;
    private float[] _points = [];
    private CentroidPanel _panel = null!;
    private int[] _labels = [];
    private double[] _sums = [];
    private double[] _counts = [];

    /// <summary>Dimensions and clusters, as "d×k".</summary>
    [Params("8x8", "16x16", "32x64", "4x5")]
    public string Shape { get; set; } = "16x16";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Shape.Split('x');
        int d = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        int k = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(1);
        _points = new float[Rows * d];
        for (int i = 0; i < _points.Length; i++)
        {
            _points[i] = (float)(random.NextDouble() * 20 - 10);
        }

        _panel = CentroidPanel.Create(_points.AsSpan(0, k * d), k, d, CentroidPanel.PreferredLaneWidth(k));
        _labels = new int[Rows];
        _sums = new double[k * d];
        _counts = new double[k];
    }

    [Benchmark(Baseline = true)]
    public int Scalar() => AssignmentKernelScalar.AssignAndAccumulate(_points, default, _panel, _labels, _sums, _counts);

    [Benchmark]
    public int Simd() => AssignmentKernel.AssignAndAccumulate(_points, default, _panel, _labels, _sums, _counts);
}
