using Loyalty.Core.Features.Scaling;

namespace Loyalty.Core.Segmentation;

/// <summary>Scores of k-means fits over a range of k, to choose the number of segments.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class KSelectionResult
{
    internal KSelectionResult(int[] ks, double[] inertia, double[] silhouette, double[] calinskiHarabasz, double[] daviesBouldin)
    {
        Ks = ks;
        Inertia = inertia;
        Silhouette = silhouette;
        CalinskiHarabasz = calinskiHarabasz;
        DaviesBouldin = daviesBouldin;
        SuggestedK = Suggest(ks, silhouette);
    }

    /// <summary>The k values tried, ascending.</summary>
    public IReadOnlyList<int> Ks { get; }

    /// <summary>Inertia per k (lower with every k; look for the elbow).</summary>
    public IReadOnlyList<double> Inertia { get; }

    /// <summary>Mean silhouette per k (higher is better; NaN for k = 1).</summary>
    public IReadOnlyList<double> Silhouette { get; }

    /// <summary>Calinski–Harabasz index per k (higher is better; NaN for k = 1).</summary>
    public IReadOnlyList<double> CalinskiHarabasz { get; }

    /// <summary>Davies–Bouldin index per k (lower is better; NaN for k = 1).</summary>
    public IReadOnlyList<double> DaviesBouldin { get; }

    /// <summary>The k with the highest silhouette (the smaller k on ties); the smallest k tried when no silhouette
    /// is defined. Silhouette is used because, unlike inertia, it does not improve just by adding clusters.</summary>
    public int SuggestedK { get; }

    private static int Suggest(int[] ks, double[] silhouette)
    {
        int best = -1;
        for (int i = 0; i < ks.Length; i++)
        {
            if (!double.IsNaN(silhouette[i]) && (best < 0 || silhouette[i] > silhouette[best]))
            {
                best = i;
            }
        }

        return ks[Math.Max(best, 0)];
    }
}

/// <summary>Fits k-means for every k in a range and scores each fit.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class KSelection
{
    /// <summary>Fits <paramref name="options"/> with K set to each of <paramref name="minK"/>..<paramref name="maxK"/>
    /// and scores the fits in the clustering space (after the options' standardisation).</summary>
    /// <param name="features">The rows to cluster.</param>
    /// <param name="options">Everything but K (Given initial centroids are not allowed here).</param>
    /// <param name="minK">Smallest k, at least 1.</param>
    /// <param name="maxK">Largest k, at least <paramref name="minK"/>.</param>
    /// <param name="silhouetteSample">Rows above which the silhouette is computed on a seeded sample.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    /// <exception cref="ArgumentException">An invalid range or options (all problems listed), or bad data.</exception>
    public static KSelectionResult Sweep(
        FeatureMatrix features, KMeansOptions options, int minK, int maxK,
        int silhouetteSample = ClusterQuality.DefaultSilhouetteSample, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(minK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxK, minK);
        if (options.Initialization == KMeansInitialization.Given)
        {
            throw new ArgumentException("KMeansOptions.Initialization must not be Given for a k range: one set of initial centroids cannot serve every k.", nameof(options));
        }

        FeatureValidation.EnsureFinite(features.Data, features.Columns, nameof(features));
        FeatureMatrix space = options.Standardization == ScalingMethod.None
            ? features
            : new FeatureMatrix(
                SegmentationScaler.Fit(features, options.Standardization, nameof(features)).Transform(features, nameof(features)),
                features.Rows, features.Columns, features.ColumnNames);
        int count = maxK - minK + 1;
        var ks = new int[count];
        var inertia = new double[count];
        var silhouette = new double[count];
        var ch = new double[count];
        var db = new double[count];
        for (int i = 0; i < count; i++)
        {
            ks[i] = minK + i;
            var model = new KMeans(options with { K = ks[i], Standardization = ScalingMethod.None })
                .Fit(space, cancellationToken: cancellationToken);
            inertia[i] = model.Inertia;
            silhouette[i] = ClusterQuality.Silhouette(space, model.Labels, silhouetteSample, options.Seed, cancellationToken);
            ch[i] = ClusterQuality.CalinskiHarabasz(space, model.Labels);
            db[i] = ClusterQuality.DaviesBouldin(space, model.Labels);
        }

        return new KSelectionResult(ks, inertia, silhouette, ch, db);
    }
}
