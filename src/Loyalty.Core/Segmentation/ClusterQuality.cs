using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>Internal validity indices for a labelling, computed in the space the rows are given in. Rows labelled
/// <see cref="SegmentAssignment.Noise"/> are left out. Unweighted (every row counts once).</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class ClusterQuality
{
    /// <summary>Rows above which <see cref="Silhouette"/> samples by default.</summary>
    public const int DefaultSilhouetteSample = 4000;

    /// <summary>Mean silhouette (Rousseeuw 1987), from −1 to 1, higher is better. Exact when there are at most
    /// <paramref name="sampleSize"/> rows; otherwise computed on a seeded random sample of that many rows (the
    /// distances then also run within the sample, as scikit-learn's silhouette_score(sample_size=...) does). A row alone
    /// in its cluster scores 0.</summary>
    /// <returns>The silhouette, or NaN when fewer than two clusters are present (it is undefined then).</returns>
    /// <exception cref="ArgumentException">Labels and rows differ in number, or the sample size is below 2.</exception>
    public static double Silhouette(
        FeatureMatrix features, IReadOnlyList<int> labels, int sampleSize = DefaultSilhouetteSample, int seed = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        EnsureLabels(features, labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 2);
        int[] rows = Enumerable.Range(0, features.Rows).Where(i => labels[i] >= 0).ToArray();
        if (rows.Length > sampleSize)
        {
            new Random(seed).Shuffle(rows);
            rows = rows[..sampleSize];
            Array.Sort(rows);
        }

        int k = rows.Length == 0 ? 0 : rows.Max(i => labels[i]) + 1;
        var sizes = new int[k];
        foreach (int i in rows)
        {
            sizes[labels[i]]++;
        }

        if (sizes.Count(s => s > 0) < 2)
        {
            return double.NaN;
        }

        var scores = new double[rows.Length];
        Parallel.For(0, rows.Length, new ParallelOptions { CancellationToken = cancellationToken }, a =>
        {
            var sums = new double[k];
            ReadOnlySpan<float> x = features.Row(rows[a]);
            foreach (int b in rows)
            {
                sums[labels[b]] += Math.Sqrt(DistanceKernels.SquaredEuclidean(x, features.Row(b)));
            }

            int own = labels[rows[a]];
            if (sizes[own] == 1)
            {
                return;
            }

            double inside = sums[own] / (sizes[own] - 1);
            double nearest = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    nearest = Math.Min(nearest, sums[c] / sizes[c]);
                }
            }

            double larger = Math.Max(inside, nearest);
            scores[a] = larger > 0 ? (nearest - inside) / larger : 0;
        });
        return scores.Average();
    }

    /// <summary>Calinski–Harabasz index: between-cluster over within-cluster dispersion, each per degree of freedom.
    /// Higher is better.</summary>
    /// <returns>The index; NaN with fewer than two clusters or no more rows than clusters; +∞ when every cluster is
    /// a single point.</returns>
    /// <exception cref="ArgumentException">Labels and rows differ in number.</exception>
    public static double CalinskiHarabasz(FeatureMatrix features, IReadOnlyList<int> labels)
    {
        var summary = ClusterSummary.Create(features, labels);
        int n = summary.Rows;
        int k = summary.NonEmpty;
        if (k < 2 || n <= k)
        {
            return double.NaN;
        }

        double within = 0;
        double between = 0;
        for (int i = 0; i < features.Rows; i++)
        {
            if (labels[i] >= 0)
            {
                within += summary.SquaredDistanceToCentre(features.Row(i), labels[i]);
            }
        }

        for (int c = 0; c < summary.K; c++)
        {
            between += summary.Sizes[c] * summary.SquaredDistanceToOverallMean(c);
        }

        return within == 0 ? double.PositiveInfinity : between * (n - k) / (within * (k - 1));
    }

    /// <summary>Davies–Bouldin index: the mean over clusters of the worst ratio (sᵢ + sⱼ) / d(cᵢ, cⱼ), where s is the
    /// mean distance of a cluster's rows to its centre. Lower is better.</summary>
    /// <returns>The index, or NaN with fewer than two clusters.</returns>
    /// <exception cref="ArgumentException">Labels and rows differ in number.</exception>
    public static double DaviesBouldin(FeatureMatrix features, IReadOnlyList<int> labels)
    {
        var summary = ClusterSummary.Create(features, labels);
        if (summary.NonEmpty < 2)
        {
            return double.NaN;
        }

        var spread = new double[summary.K];
        for (int i = 0; i < features.Rows; i++)
        {
            if (labels[i] >= 0)
            {
                spread[labels[i]] += Math.Sqrt(summary.SquaredDistanceToCentre(features.Row(i), labels[i]));
            }
        }

        double total = 0;
        for (int a = 0; a < summary.K; a++)
        {
            if (summary.Sizes[a] == 0)
            {
                continue;
            }

            double worst = 0;
            for (int b = 0; b < summary.K; b++)
            {
                if (b != a && summary.Sizes[b] > 0)
                {
                    double gap = Math.Sqrt(summary.SquaredCentreDistance(a, b));
                    double ratio = (spread[a] / summary.Sizes[a]) + (spread[b] / summary.Sizes[b]);
                    worst = Math.Max(worst, gap > 0 ? ratio / gap : double.PositiveInfinity);
                }
            }

            total += worst;
        }

        return total / summary.NonEmpty;
    }

    internal static void EnsureLabels(FeatureMatrix features, IReadOnlyList<int> labels)
    {
        if (labels.Count != features.Rows)
        {
            throw new ArgumentException($"{labels.Count} labels for {features.Rows} rows.", nameof(labels));
        }
    }
}
