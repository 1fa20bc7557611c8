namespace Loyalty.Core.Segmentation;

/// <summary>The reference for <see cref="AssignmentKernel"/>: one centroid and one feature at a time, same fused
/// multiply-add order, strict less-than so ties go to the lowest index. Tests hold the SIMD path to it bitwise.</summary>
internal static class AssignmentKernelScalar
{
    /// <summary>Scalar twin of <see cref="AssignmentKernel.AssignAndAccumulate"/>.</summary>
    internal static int AssignAndAccumulate(
        ReadOnlySpan<float> points, ReadOnlySpan<float> weights, CentroidPanel panel,
        Span<int> labels, Span<double> sums, Span<double> counts)
    {
        int d = panel.Dimensions;
        Span<float> distances = new float[panel.PaddedK];
        int changed = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> row = points.Slice(i * d, d);
            ExpandedDistances(row, panel, distances);
            int best = 0;
            for (int c = 1; c < panel.K; c++)
            {
                if (distances[c] < distances[best])
                {
                    best = c;
                }
            }

            changed += labels[i] == best ? 0 : 1;
            labels[i] = best;
            double w = weights.IsEmpty ? 1.0 : weights[i];
            counts[best] += w;
            for (int j = 0; j < d; j++)
            {
                sums[best * d + j] += w * row[j];
            }
        }

        return changed;
    }

    /// <summary>‖c‖² − 2x·c, one centroid at a time.</summary>
    internal static void ExpandedDistances(ReadOnlySpan<float> row, CentroidPanel panel, Span<float> distances)
    {
        int d = panel.Dimensions;
        for (int c = 0; c < panel.PaddedK; c++)
        {
            float dot = 0f;
            for (int j = 0; j < d; j++)
            {
                dot = MathF.FusedMultiplyAdd(row[j], panel.Transposed[j * panel.PaddedK + c], dot);
            }

            distances[c] = MathF.FusedMultiplyAdd(-2f, dot, panel.Norms[c]);
        }
    }
}
