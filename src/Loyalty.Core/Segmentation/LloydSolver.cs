using System.Buffers;

namespace Loyalty.Core.Segmentation;

/// <summary>Lloyd iterations from given centroids, following scikit-learn's loop: assign and sum (through
/// <see cref="PartialSumCache"/>, which moves only the rows whose labels changed between the chunk partials),
/// relocate empty clusters, move the centroids, stop when no label changed or when the summed squared shift is at
/// most the (absolute) tolerance; then, unless labels were already stable, one last assignment so labels match
/// the final centroids, and the exact inertia.</summary>
internal static class LloydSolver
{
    internal static KMeansRun Run(
        KMeansData data, float[] initialCentroids, int k, KMeansAlgorithm algorithm, int maxIterations,
        double tolerance, int run, IProgress<KMeansProgress>? progress, CancellationToken cancellationToken)
    {
        // The working labels come from the pool, so a process that fits again touches no fresh memory for them
        // (first touch costs ≈ 14 ms per million rows on our VMs); the model keeps a compact copy.
        int[] labels = ArrayPool<int>.Shared.Rent(data.Rows);
        try
        {
            labels.AsSpan(0, data.Rows).Fill(-1);
            var (centroids, inertia, iterations, converged) = Iterate(
                data, initialCentroids, k, algorithm, maxIterations, tolerance, run, labels, progress, cancellationToken);
            return new KMeansRun(centroids, ClusterLabels.From(labels.AsSpan(0, data.Rows), k), inertia, iterations, converged);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
        }
    }

    private static (float[] Centroids, double Inertia, int Iterations, bool Converged) Iterate(
        KMeansData data, float[] initialCentroids, int k, KMeansAlgorithm algorithm, int maxIterations,
        double tolerance, int run, int[] labels, IProgress<KMeansProgress>? progress, CancellationToken cancellationToken)
    {
        int d = data.Columns;
        var centroids = (float[])initialCentroids.Clone();
        var next = new float[k * d];
        var panel = CentroidPanel.Create(centroids, k, d, CentroidPanel.PreferredLaneWidth(k));
        using var cache = new PartialSumCache(data, k);
        IBoundedAssigner? bounded = algorithm switch
        {
            KMeansAlgorithm.Hamerly => new HamerlyAssigner(data, k, cancellationToken),
            KMeansAlgorithm.Yinyang => new YinyangAssigner(data, k, centroids, cancellationToken),
            _ => null,
        };
        var sums = new double[k * d];
        var counts = new double[k];
        var shifts = new double[k];
        float[] current = centroids;
        NearestAssigner assign = bounded is null
            ? (start, nearest) => AssignmentKernel.NearestRows(data.Points.Span.Slice(start * d, nearest.Length * d), panel, nearest)
            : (start, nearest) => bounded.Nearest(start, nearest, panel, current, labels);
        bool labelsStable = false;
        bool converged = false;
        int iterations = 0;
        while (iterations < maxIterations)
        {
            panel.Update(centroids);
            bounded?.BeginIteration(centroids);
            current = centroids;
            int changed = cache.Pass(assign, labels, sums, counts, cancellationToken);
            EmptyClusterRelocation.Relocate(data, centroids, labels, sums, counts);
            double shift = MoveCentroids(centroids, sums, counts, next, shifts, d);
            (centroids, next) = (next, centroids);
            bounded?.SetShifts(shifts);
            iterations++;
            progress?.Report(new KMeansProgress(run, iterations, changed, shift));
            if (changed == 0)
            {
                labelsStable = true;
                converged = true;
                break;
            }

            if (shift <= tolerance)
            {
                converged = true;
                break;
            }
        }

        if (!labelsStable)
        {
            AssignFinal(data, centroids, labels, panel, cancellationToken);
        }

        return (centroids, Inertia.Compute(data, centroids, labels, cancellationToken), iterations, converged);
    }

    /// <summary>Labels for fixed centroids (no update), with the same kernel and chunking as the iterations.</summary>
    internal static void AssignFinal(
        KMeansData data, float[] centroids, int[] labels, CentroidPanel panel, CancellationToken cancellationToken)
    {
        panel.Update(centroids);
        data.Plan.ForEach(chunk => AssignmentKernel.NearestRows(
            data.ChunkPoints(chunk), panel, labels.AsSpan(ChunkPlan.Start(chunk), data.Plan.Length(chunk))), cancellationToken);
    }

    // New centroid = sum / weight (a cluster with no weight keeps its place); returns Σ‖new − old‖².
    private static double MoveCentroids(float[] current, double[] sums, double[] counts, float[] next, double[] shifts, int d)
    {
        double total = 0;
        for (int c = 0; c < counts.Length; c++)
        {
            double shift = 0;
            for (int j = 0; j < d; j++)
            {
                int at = c * d + j;
                next[at] = counts[c] > 0 ? (float)(sums[at] / counts[c]) : current[at];
                double diff = (double)next[at] - current[at];
                shift += diff * diff;
            }

            shifts[c] = Math.Sqrt(shift);
            total += shift;
        }

        return total;
    }
}
