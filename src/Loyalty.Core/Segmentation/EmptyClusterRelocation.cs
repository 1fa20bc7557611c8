using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>Gives each empty cluster one of the points farthest from their current centroid, as scikit-learn does:
/// the point's weighted row moves from its old cluster's sums to the empty cluster's. Labels are left as they are;
/// the next assignment pass settles them.</summary>
internal static class EmptyClusterRelocation
{
    /// <returns>The number of clusters relocated.</returns>
    internal static int Relocate(KMeansData data, float[] centroids, int[] labels, Span<double> sums, Span<double> counts)
    {
        var empty = new List<int>();
        for (int c = 0; c < counts.Length; c++)
        {
            if (counts[c] == 0)
            {
                empty.Add(c);
            }
        }

        if (empty.Count == 0)
        {
            return 0;
        }

        int d = data.Columns;
        int[] farthest = FarthestPoints(data, centroids, labels, empty.Count);
        for (int e = 0; e < farthest.Length; e++)
        {
            int row = farthest[e];
            int target = empty[e];
            int source = labels[row];
            double w = data.Weight(row);
            ReadOnlySpan<float> x = data.Row(row);
            for (int j = 0; j < d; j++)
            {
                sums[source * d + j] -= w * x[j];
                sums[target * d + j] = w * x[j];
            }

            counts[source] -= w;
            counts[target] = w;
        }

        return farthest.Length;
    }

    // The m largest distances, farthest first; equal distances go to the lower row.
    private static int[] FarthestPoints(KMeansData data, float[] centroids, int[] labels, int m)
    {
        int d = data.Columns;
        var heap = new PriorityQueue<int, (double Distance, int Row)>(m + 1, FarthestComparer.Instance);
        for (int i = 0; i < data.Rows; i++)
        {
            double distance = DistanceKernels.SquaredEuclideanDouble(data.Row(i), centroids.AsSpan(labels[i] * d, d));
            heap.Enqueue(i, (distance, i));
            if (heap.Count > m)
            {
                heap.Dequeue();
            }
        }

        var result = new int[heap.Count];
        for (int r = result.Length - 1; r >= 0; r--)
        {
            result[r] = heap.Dequeue();
        }

        return result;
    }

    // Orders the heap so its head is the least far point (smaller distance, or equal distance and higher row).
    private sealed class FarthestComparer : IComparer<(double Distance, int Row)>
    {
        internal static readonly FarthestComparer Instance = new();

        public int Compare((double Distance, int Row) x, (double Distance, int Row) y)
        {
            int byDistance = x.Distance.CompareTo(y.Distance);
            return byDistance != 0 ? byDistance : y.Row.CompareTo(x.Row);
        }
    }
}
