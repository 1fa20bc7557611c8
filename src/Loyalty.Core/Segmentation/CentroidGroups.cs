namespace Loyalty.Core.Segmentation;

/// <summary>Splits k centroids into t = max(1, ⌊k/10⌋) groups of nearby centroids for <see cref="YinyangAssigner"/>,
/// as Ding et al. do: a few Lloyd iterations over the centroids themselves, in double, seeded with evenly spaced
/// centroids. Any grouping keeps Yinyang exact; a good one only lets the group bounds prune more.</summary>
internal static class CentroidGroups
{
    private const int Iterations = 5;

    /// <summary>The group of each centroid, numbered 0..t−1 with no empty group.</summary>
    internal static int[] Assign(float[] centroids, int k, int d)
    {
        int t = Math.Max(1, k / 10);
        var seeds = new double[t * d];
        for (int g = 0; g < t; g++)
        {
            int source = (int)((long)g * k / t);
            for (int j = 0; j < d; j++)
            {
                seeds[(g * d) + j] = centroids[(source * d) + j];
            }
        }

        var group = new int[k];
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            for (int c = 0; c < k; c++)
            {
                group[c] = Nearest(centroids.AsSpan(c * d, d), seeds, t, d);
            }

            var sums = new double[t * d];
            var sizes = new int[t];
            for (int c = 0; c < k; c++)
            {
                sizes[group[c]]++;
                for (int j = 0; j < d; j++)
                {
                    sums[(group[c] * d) + j] += centroids[(c * d) + j];
                }
            }

            for (int g = 0; g < t; g++)
            {
                for (int j = 0; j < d && sizes[g] > 0; j++)
                {
                    seeds[(g * d) + j] = sums[(g * d) + j] / sizes[g];
                }
            }
        }

        // Renumber so groups are dense (a seed may have ended up with no centroid).
        var renumber = Enumerable.Repeat(-1, t).ToArray();
        int next = 0;
        for (int c = 0; c < k; c++)
        {
            if (renumber[group[c]] < 0)
            {
                renumber[group[c]] = next++;
            }

            group[c] = renumber[group[c]];
        }

        return group;
    }

    private static int Nearest(ReadOnlySpan<float> centroid, double[] seeds, int t, int d)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int g = 0; g < t; g++)
        {
            double distance = 0;
            for (int j = 0; j < d; j++)
            {
                double diff = centroid[j] - seeds[(g * d) + j];
                distance += diff * diff;
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = g;
            }
        }

        return best;
    }
}
