namespace Loyalty.Core.Segmentation;

/// <summary>The rounding error of Lloyd's float expanded-form distances ‖c‖² − 2x·c, which the exact bounded
/// assignments (<see cref="HamerlyAssigner"/>, <see cref="YinyangAssigner"/>) must beat before a bound may rule a
/// centroid out, and the squared norms that error depends on.</summary>
internal static class ExpandedFormError
{
    // 2(d + 2)·2⁻²⁴(‖x‖² + max‖c‖²) bounds the float error of ‖c‖² − 2x·c; four times that leaves room to spare.
    private const double Factor = 8.0 / (1 << 24);

    /// <summary>A bound on |float distance − true squared distance + ‖x‖²| for a row of squared norm
    /// <paramref name="rowNorm"/>.</summary>
    internal static double Bound(int dimensions, double rowNorm, double maxCentroidNorm) =>
        Factor * (dimensions + 2) * (rowNorm + maxCentroidNorm);

    /// <summary>‖x‖² of every row, in double.</summary>
    internal static double[] RowSquaredNorms(KMeansData data, CancellationToken cancellationToken)
    {
        var norms = new double[data.Rows];
        data.Plan.ForEach(chunk =>
        {
            int start = ChunkPlan.Start(chunk);
            for (int i = start; i < start + data.Plan.Length(chunk); i++)
            {
                norms[i] = SquaredNorm(data.Row(i));
            }
        }, cancellationToken);
        return norms;
    }

    /// <summary>The largest ‖c‖² over the k centroids.</summary>
    internal static double MaxSquaredNorm(float[] centroids, int k, int dimensions)
    {
        double max = 0;
        for (int c = 0; c < k; c++)
        {
            max = Math.Max(max, SquaredNorm(centroids.AsSpan(c * dimensions, dimensions)));
        }

        return max;
    }

    private static double SquaredNorm(ReadOnlySpan<float> values)
    {
        double norm = 0;
        foreach (float v in values)
        {
            norm += (double)v * v;
        }

        return norm;
    }
}
