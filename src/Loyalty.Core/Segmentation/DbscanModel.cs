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
    {
        _labels = labels;
        Dimensions = features.Columns;
        ClusterCount = clusters;
        Eps = eps;
        _coreRows = Enumerable.Range(0, labels.Length).Where(i => core[i]).ToArray();
        _corePoints = new float[_coreRows.Length * Dimensions];
        for (int c = 0; c < _coreRows.Length; c++)
        {
            features.Row(_coreRows[c]).CopyTo(_corePoints.AsSpan(c * Dimensions));
        }

        _coreGrid = new NeighbourGrid(_corePoints, _coreRows.Length, Dimensions, (float)eps);
        NoiseCount = labels.Count(l => l == SegmentAssignment.Noise);
        Segments = Enumerable.Range(0, clusters).Select(c => new Segment(c, $"Cluster {c}")).ToArray();
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
}
