namespace Loyalty.Core.Segmentation;

/// <summary>What a segment looks like, in the original units, so a marketer can name it.</summary>
/// <param name="SegmentId">The cluster id, or <see cref="SegmentAssignment.Noise"/> for the noise group.</param>
/// <param name="Size">Rows in the segment.</param>
/// <param name="Share">Size over all rows.</param>
/// <param name="Mean">Mean of each feature column.</param>
/// <param name="Median">Median of each feature column (mean of the two middle values for an even count).</param>
/// <param name="TopName">The most common per-row name (for example the RFM segment), or null without names; ties go
/// to the ordinally smaller name.</param>
/// <param name="TopNameShare">Share of the segment's rows carrying <paramref name="TopName"/> (0 without names).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record SegmentProfile(
    int SegmentId, int Size, double Share, IReadOnlyList<double> Mean, IReadOnlyList<double> Median, string? TopName, double TopNameShare);

/// <summary>Builds <see cref="SegmentProfile"/>s from feature rows and their segment labels.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class SegmentProfiler
{
    /// <summary>One profile per segment id in ascending order (noise, if present, first), skipping empty ids.</summary>
    /// <param name="features">Rows in original units (not standardised).</param>
    /// <param name="labels">Segment of each row.</param>
    /// <param name="rowNames">Optional name per row, such as the RFM segment from the Features code.</param>
    /// <exception cref="ArgumentException">Label or name counts differ from the rows, or a label below −1.</exception>
    public static IReadOnlyList<SegmentProfile> Profile(FeatureMatrix features, IReadOnlyList<int> labels, IReadOnlyList<string>? rowNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ClusterQuality.EnsureLabels(features, labels);
        if (rowNames is not null && rowNames.Count != features.Rows)
        {
            throw new ArgumentException($"{rowNames.Count} row names for {features.Rows} rows.", nameof(rowNames));
        }

        var members = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] < SegmentAssignment.Noise)
            {
                throw new ArgumentException($"labels row {i} is {labels[i]}; segment ids are −1 (noise) or more.", nameof(labels));
            }

            if (!members.TryGetValue(labels[i], out var rows))
            {
                members[labels[i]] = rows = [];
            }

            rows.Add(i);
        }

        return members.Select(pair => Describe(features, pair.Key, pair.Value, rowNames)).ToArray();
    }

    private static SegmentProfile Describe(FeatureMatrix features, int id, List<int> rows, IReadOnlyList<string>? rowNames)
    {
        int d = features.Columns;
        var mean = new double[d];
        var median = new double[d];
        var column = new float[rows.Count];
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int r = 0; r < rows.Count; r++)
            {
                column[r] = features[rows[r], j];
                sum += column[r];
            }

            mean[j] = sum / rows.Count;
            Array.Sort(column);
            int middle = rows.Count / 2;
            median[j] = rows.Count % 2 == 1 ? column[middle] : (column[middle - 1] + (double)column[middle]) / 2;
        }

        string? topName = null;
        double topShare = 0;
        if (rowNames is not null)
        {
            var top = rows.GroupBy(r => rowNames[r], StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
            topName = top.Key;
            topShare = (double)top.Count() / rows.Count;
        }

        return new SegmentProfile(id, rows.Count, (double)rows.Count / features.Rows, mean, median, topName, topShare);
    }
}
