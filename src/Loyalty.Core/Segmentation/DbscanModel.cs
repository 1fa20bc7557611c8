namespace Loyalty.Core.Segmentation;

/// <summary>A fitted DBSCAN segmentation. Immutable and thread-safe. A new row joins the cluster of the nearest core
/// point within ε, or is noise.</summary>
public sealed class DbscanModel : ISegmentationModel
{
    private readonly int[] _labels;
    private readonly int[] _coreRows;
    private readonly float[] _corePoints;
    private readonly NeighbourGrid _coreGrid;

    internal DbscanModel(FeatureMatrix features, int[] labels, bool[] core, int clusters, double eps)
        : this(labels, CoreRowsOf(core), features.Columns, clusters, eps, features)
    {
    }

    /// <summary>A model from its parts: <paramref name="corePoints"/> holds the core rows' features, row-major.</summary>
    internal DbscanModel(int[] labels, int[] coreRows, float[] corePoints, int dimensions, int clusters, double eps)
    {
        _labels = labels;
        _coreRows = coreRows;
        _corePoints = corePoints;
        Dimensions = dimensions;
        ClusterCount = clusters;
        Eps = eps;
        _coreGrid = new NeighbourGrid(_corePoints, _coreRows.Length, Dimensions, (float)eps);
        NoiseCount = labels.Count(l => l == SegmentAssignment.Noise);
        Segments = Enumerable.Range(0, clusters).Select(c => new Segment(c, $"Cluster {c}")).ToArray();
    }

    private DbscanModel(int[] labels, int[] coreRows, int dimensions, int clusters, double eps, FeatureMatrix features)
        : this(labels, coreRows, CorePoints(features, coreRows), dimensions, clusters, eps)
    {
    }

    /// <inheritdoc />
    public IReadOnlyList<Segment> Segments { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <summary>Number of clusters found (noise not counted).</summary>
    public int ClusterCount { get; }

    /// <summary>Rows labelled <see cref="SegmentAssignment.Noise"/>.</summary>
    public int NoiseCount { get; }

    /// <summary>The radius the model was fitted with.</summary>
    public double Eps { get; }

    /// <summary>The cluster of each training row (<see cref="SegmentAssignment.Noise"/> for noise).</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>Rows that are core points, ascending.</summary>
    public IReadOnlyList<int> CoreRows => _coreRows;

    /// <summary>The core rows' features, row-major (<see cref="CoreRows"/> order): what prediction needs.</summary>
    internal ReadOnlySpan<float> CorePoints() => _corePoints;

    /// <summary>Writes the model as a <c>loyalty.dbscan</c> model file (format version 1): ε, the training labels, the
    /// core rows and their features. <see cref="Load"/> restores a model that assigns identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        DbscanModelFile.Write(this, stream);
    }

    /// <summary>Reads a model written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.dbscan</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static DbscanModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return DbscanModelFile.Read(stream);
    }

    /// <inheritdoc />
    public int Predict(ReadOnlySpan<float> row)
    {
        if (row.Length != Dimensions)
        {
            throw new ArgumentException($"row has {row.Length} columns; the model expects {Dimensions}.", nameof(row));
        }

        FeatureValidation.EnsureFinite(row, Dimensions, nameof(row));
        var neighbours = new List<int>();
        _coreGrid.Query(row, neighbours);
        int best = -1;
        float bestDistance = float.PositiveInfinity;
        foreach (int c in neighbours)
        {
            float distance = Numerics.DistanceKernels.SquaredEuclidean(row, _corePoints.AsSpan(c * Dimensions, Dimensions));
            if (distance < bestDistance || (distance == bestDistance && c < best))
            {
                best = c;
                bestDistance = distance;
            }
        }

        return best < 0 ? SegmentAssignment.Noise : _labels[_coreRows[best]];
    }

    private static int[] CoreRowsOf(bool[] core) => Enumerable.Range(0, core.Length).Where(i => core[i]).ToArray();

    private static float[] CorePoints(FeatureMatrix features, int[] coreRows)
    {
        var points = new float[coreRows.Length * features.Columns];
        for (int c = 0; c < coreRows.Length; c++)
        {
            features.Row(coreRows[c]).CopyTo(points.AsSpan(c * features.Columns));
        }

        return points;
    }
}
