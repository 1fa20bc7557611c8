namespace Loyalty.Core.Segmentation;

/// <summary>Cluster sizes and centres (in double) of a labelling, shared by the quality indices.</summary>
internal sealed class ClusterSummary
{
    private readonly double[] _centres;
    private readonly double[] _overallMean;

    private ClusterSummary(int k, int d)
    {
        K = k;
        Dimensions = d;
        Sizes = new int[k];
        _centres = new double[k * d];
        _overallMean = new double[d];
    }

    internal int K { get; }

    internal int Dimensions { get; }

    internal int[] Sizes { get; }

    /// <summary>Rows that are not noise.</summary>
    internal int Rows { get; private set; }

    /// <summary>Clusters with at least one row.</summary>
    internal int NonEmpty => Sizes.Count(s => s > 0);

    internal static ClusterSummary Create(FeatureMatrix features, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ClusterQuality.EnsureLabels(features, labels);
        int k = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            k = Math.Max(k, labels[i] + 1);
        }

        int d = features.Columns;
        var summary = new ClusterSummary(k, d);
        for (int i = 0; i < features.Rows; i++)
        {
            int c = labels[i];
            if (c < 0)
            {
                continue;
            }

            ReadOnlySpan<float> row = features.Row(i);
            summary.Sizes[c]++;
            summary.Rows++;
            for (int j = 0; j < d; j++)
            {
                summary._centres[c * d + j] += row[j];
                summary._overallMean[j] += row[j];
            }
        }

        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < d && summary.Sizes[c] > 0; j++)
            {
                summary._centres[c * d + j] /= summary.Sizes[c];
            }
        }

        for (int j = 0; j < d && summary.Rows > 0; j++)
        {
            summary._overallMean[j] /= summary.Rows;
        }

        return summary;
    }

    internal double SquaredDistanceToCentre(ReadOnlySpan<float> row, int c)
    {
        double sum = 0;
        for (int j = 0; j < Dimensions; j++)
        {
            double diff = row[j] - _centres[c * Dimensions + j];
            sum += diff * diff;
        }

        return sum;
    }

    internal double SquaredDistanceToOverallMean(int c)
    {
        double sum = 0;
        for (int j = 0; j < Dimensions; j++)
        {
            double diff = _centres[c * Dimensions + j] - _overallMean[j];
            sum += diff * diff;
        }

        return sum;
    }

    internal double SquaredCentreDistance(int a, int b)
    {
        double sum = 0;
        for (int j = 0; j < Dimensions; j++)
        {
            double diff = _centres[a * Dimensions + j] - _centres[b * Dimensions + j];
            sum += diff * diff;
        }

        return sum;
    }
}
