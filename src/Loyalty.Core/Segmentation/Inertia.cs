using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Loyalty.Core.Numerics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Segmentation;

/// <summary>The exact objective Σ w‖x − c‖², from differences in double (not from the expanded form, whose
/// cancellation loses digits when points are far from the origin), summed per chunk and then in chunk order.
/// Within a chunk the squared differences are accumulated in double vector lanes (a fixed order, so the total is
/// the same for any thread count); <see cref="ChunkSumScalar"/> is the one-term-at-a-time reference it is tested
/// against, to a relative tolerance.</summary>
internal static class Inertia
{
    internal static double Compute(KMeansData data, float[] centroids, int[] labels, CancellationToken cancellationToken)
    {
        var perChunk = new double[data.Plan.Count];
        data.Plan.ForEach(
            chunk =>
            {
                int start = ChunkPlan.Start(chunk);
                int length = data.Plan.Length(chunk);
                perChunk[chunk] = ChunkSum(
                    data.ChunkPoints(chunk), data.ChunkWeights(chunk), labels.AsSpan(start, length), centroids, data.Columns);
            },
            cancellationToken);
        return perChunk.Sum();
    }

    /// <summary>Σ w‖x − c[label]‖² over the rows of <paramref name="points"/> (row-major, <paramref name="d"/>
    /// columns); empty <paramref name="weights"/> means unit weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double ChunkSum(
        ReadOnlySpan<float> points, ReadOnlySpan<float> weights, ReadOnlySpan<int> labels, ReadOnlySpan<float> centroids, int d)
    {
        int rows = labels.Length;
        Validate(points, weights, rows, d);
        int k = d == 0 ? 0 : centroids.Length / d;
        ref float pointRef = ref MemoryMarshal.GetReference(points);
        ref float centroidRef = ref MemoryMarshal.GetReference(centroids);
        var wide = Vector512<double>.Zero;
        var half = Vector256<double>.Zero;
        double tail = 0;
        for (int i = 0; i < rows; i++)
        {
            int label = labels[i];
            if (d > 0 && (uint)label >= (uint)k)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Row {i} has label {label}; expected 0..{k - 1}.");
            }

            ref float x = ref Unsafe.Add(ref pointRef, i * d);
            ref float c = ref Unsafe.Add(ref centroidRef, label * d);
            double w = weights.IsEmpty ? 1.0 : weights[i];
            int j = 0;
            if (VectorDispatch.Avx512 && d >= Vector512<double>.Count)
            {
                var row = Vector512<double>.Zero;
                for (; j + Vector512<double>.Count <= d; j += Vector512<double>.Count)
                {
                    var diff = Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref x, (nuint)j))
                        - Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref c, (nuint)j));
                    row = Vector512.FusedMultiplyAdd(diff, diff, row);
                }

                wide = Vector512.FusedMultiplyAdd(Vector512.Create(w), row, wide);
            }

            if (VectorDispatch.Avx && d - j >= Vector256<double>.Count)
            {
                var row = Vector256<double>.Zero;
                for (; j + Vector256<double>.Count <= d; j += Vector256<double>.Count)
                {
                    var diff = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref x, (nuint)j))
                        - Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref c, (nuint)j));
                    row = Vector256.FusedMultiplyAdd(diff, diff, row);
                }

                half = Vector256.FusedMultiplyAdd(Vector256.Create(w), row, half);
            }

            if (j < d)
            {
                double rest = 0;
                for (; j < d; j++)
                {
                    double diff = (double)Unsafe.Add(ref x, j) - Unsafe.Add(ref c, j);
                    rest += diff * diff;
                }

                tail += w * rest;
            }
        }

        return Vector512.Sum(wide) + Vector256.Sum(half) + tail;
    }

    /// <summary>The reference for <see cref="ChunkSum"/>: one row and one term at a time.</summary>
    internal static double ChunkSumScalar(
        ReadOnlySpan<float> points, ReadOnlySpan<float> weights, ReadOnlySpan<int> labels, ReadOnlySpan<float> centroids, int d)
    {
        Validate(points, weights, labels.Length, d);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double w = weights.IsEmpty ? 1.0 : weights[i];
            sum += w * DistanceKernels.SquaredEuclideanDouble(points.Slice(i * d, d), centroids.Slice(labels[i] * d, d));
        }

        return sum;
    }

    private static void Validate(ReadOnlySpan<float> points, ReadOnlySpan<float> weights, int rows, int d)
    {
        if (points.Length < rows * d || (!weights.IsEmpty && weights.Length < rows))
        {
            throw new ArgumentException("points or weights hold fewer rows than labels.", nameof(points));
        }
    }
}
