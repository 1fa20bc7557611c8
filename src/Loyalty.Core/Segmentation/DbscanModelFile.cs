using Loyalty.Core.Persistence;

namespace Loyalty.Core.Segmentation;

/// <summary>The <c>loyalty.dbscan</c> format of <see cref="DbscanModel"/>: ε, sizes, the training labels, the core
/// rows and their features. The neighbour grid is rebuilt from the core points by the constructor the fit uses.</summary>
internal static class DbscanModelFile
{
    internal const string Format = "loyalty.dbscan";
    internal const int Version = 1;

    internal static void Write(DbscanModel model, Stream stream) => ModelFileWriter.Write(stream, Format, Version, w =>
    {
        w.Write(model.Eps);
        w.Write(model.Dimensions);
        w.Write(model.ClusterCount);
        w.Write(model.Labels.ToArray());
        w.Write(model.CoreRows.ToArray());
        w.Write(model.CorePoints());
    });

    internal static DbscanModel Read(Stream stream) => ModelFileReader.Read(stream, Format, Version, r =>
    {
        double eps = r.ReadPositive("eps");
        if (!float.IsFinite((float)eps) || (float)eps <= 0)
        {
            throw r.Invalid("eps", $"is {ModelFileReader.Show(eps)}; it must be a positive number a float can hold");
        }

        int dimensions = r.ReadInt32("dimensions", 1, NeighbourGrid.MaxDimensions);
        int clusters = r.ReadInt32("clusterCount", 0, int.MaxValue);
        int[] labels = r.ReadInt32s("labels", SegmentAssignment.Noise, clusters - 1);
        int[] coreRows = r.ReadInt32s("coreRows", 0, labels.Length - 1);
        for (int c = 0; c < coreRows.Length; c++)
        {
            if (c > 0 && coreRows[c] <= coreRows[c - 1])
            {
                throw r.Invalid($"coreRows[{c}]", "is not ascending");
            }

            if (labels[coreRows[c]] == SegmentAssignment.Noise)
            {
                throw r.Invalid($"coreRows[{c}]", $"names row {coreRows[c]}, which is labelled noise");
            }
        }

        // Every cluster grows from a core point, so each cluster id has one; this also bounds the cluster count.
        var clustersWithCore = new bool[Math.Min(clusters, coreRows.Length)];
        foreach (int row in coreRows)
        {
            if (labels[row] < clustersWithCore.Length)
            {
                clustersWithCore[labels[row]] = true;
            }
        }

        int withCore = clustersWithCore.Count(has => has);
        if (withCore != clusters)
        {
            throw r.Invalid("clusterCount", $"is {clusters}, but only {withCore} clusters have a core row");
        }

        r.EnsureRemaining("corePoints", (long)coreRows.Length * dimensions, sizeof(float));
        float[] corePoints = r.ReadSingles("corePoints", coreRows.Length * dimensions);
        try
        {
            return new DbscanModel(labels, coreRows, corePoints, dimensions, clusters, eps);
        }
        catch (ArgumentException ex)
        {
            throw r.Invalid("corePoints", $"do not fit a neighbour grid of side eps: {ModelFileText.OneLine(ex.Message)}");
        }
    });
}
