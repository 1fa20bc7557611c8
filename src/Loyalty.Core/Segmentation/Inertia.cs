using System.Runtime.CompilerServices;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>The exact objective Σ w‖x − c‖², from differences in double (not from the expanded form, whose
/// cancellation loses digits when points are far from the origin), summed per chunk and then in chunk order.</summary>
internal static class Inertia
{
    internal static double Compute(KMeansData data, float[] centroids, int[] labels, CancellationToken cancellationToken)
    {
        var perChunk = new double[data.Plan.Count];
        data.Plan.ForEach(chunk => perChunk[chunk] = ChunkInertia(data, chunk, centroids, labels), cancellationToken);
        return perChunk.Sum();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ChunkInertia(KMeansData data, int chunk, float[] centroids, int[] labels)
    {
        int d = data.Columns;
        ReadOnlySpan<float> points = data.Points.Span;
        int start = ChunkPlan.Start(chunk);
        double sum = 0;
        for (int i = start; i < start + data.Plan.Length(chunk); i++)
        {
            sum += data.Weight(i) * DistanceKernels.SquaredEuclideanDouble(points.Slice(i * d, d), centroids.AsSpan(labels[i] * d, d));
        }

        return sum;
    }
}
