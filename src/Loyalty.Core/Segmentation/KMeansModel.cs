using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>A fitted k-means segmentation. Immutable and safe to share between threads: every member only reads.
/// Rows passed to <see cref="Predict(ReadOnlySpan{float})"/> and <see cref="Transform(ReadOnlySpan{float}, Span{double})"/>
/// are in the units of the fitting data; the model applies its own standardisation.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class KMeansModel : ISegmentationModel
{
    private readonly CentroidPanel _panel;
    private readonly float[] _clusteringCentroids;
    private readonly SegmentationScaler? _scaler;
    private readonly ClusterLabels _labels;
    private readonly int[] _sizes;

    internal KMeansModel(KMeansRun run, int dimensions, SegmentationScaler? scaler, KMeansAlgorithm algorithm, double initSeconds, double fitSeconds)
    {
        int k = run.Centroids.Length / dimensions;
        _clusteringCentroids = run.Centroids;
        _scaler = scaler;
        _labels = run.Labels;
        _panel = CentroidPanel.Create(run.Centroids, k, dimensions, CentroidPanel.PreferredLaneWidth(k));
        _sizes = run.Labels.Sizes;

        Dimensions = dimensions;
        Algorithm = algorithm;
        Inertia = run.Inertia;
        Iterations = run.Iterations;
        Converged = run.Converged;
        InitSeconds = initSeconds;
        FitSeconds = fitSeconds;
        ClusteringCentroids = new FeatureMatrix(run.Centroids, k, dimensions);
        Centroids = scaler is null ? ClusteringCentroids : new FeatureMatrix(scaler.InverseTransform(run.Centroids, dimensions), k, dimensions);
        Segments = Enumerable.Range(0, k).Select(c => new Segment(c, $"Cluster {c}")).ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<Segment> Segments { get; }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <summary>Number of clusters.</summary>
    public int K => _sizes.Length;

    /// <summary>The iteration scheme that produced the model.</summary>
    public KMeansAlgorithm Algorithm { get; }

    /// <summary>Centroids in the original units of the data (k rows). With log-zscore a centroid maps back through
    /// expm1, so it is a typical row rather than an arithmetic mean.</summary>
    public FeatureMatrix Centroids { get; }

    /// <summary>Centroids in the space the clustering ran in (after standardisation; equal to
    /// <see cref="Centroids"/> without it).</summary>
    public FeatureMatrix ClusteringCentroids { get; }

    /// <summary>The cluster of each training row, in row order.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>Training rows per cluster.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>Σ w‖x − c‖² over the training rows, computed exactly in double in the clustering space.</summary>
    public double Inertia { get; }

    /// <summary>Lloyd iterations of the kept run.</summary>
    public int Iterations { get; }

    /// <summary>Whether the kept run stopped by tolerance or stable labels rather than by the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>Wall time spent choosing starting centroids, summed over restarts.</summary>
    public double InitSeconds { get; }

    /// <summary>Wall time spent iterating, summed over restarts.</summary>
    public double FitSeconds { get; }

    /// <summary>The standardisation learned in the fit; null without one.</summary>
    internal SegmentationScaler? Scaler => _scaler;

    /// <summary>Writes the model as a <c>loyalty.kmeans</c> model file (format version 1): centroids, the
    /// standardisation, training labels and fit statistics. <see cref="Load"/> restores a model that assigns and
    /// transforms identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        KMeansModelFile.Write(this, stream);
    }

    /// <summary>Reads a model written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.kmeans</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static KMeansModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return KMeansModelFile.Read(stream);
    }

    /// <inheritdoc />
    public int Predict(ReadOnlySpan<float> row)
    {
        Span<float> scaled = Dimensions <= 256 ? stackalloc float[Dimensions] : new float[Dimensions];
        return AssignmentKernel.Nearest(Scale(row, scaled), _panel);
    }

    /// <summary>The cluster of every row of <paramref name="features"/>.</summary>
    /// <exception cref="ArgumentException">The column count differs from <see cref="Dimensions"/>.</exception>
    public int[] Predict(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        EnsureColumns(features.Columns, nameof(features));
        var labels = new int[features.Rows];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = Predict(features.Row(i));
        }

        return labels;
    }

    /// <summary>Euclidean distances from <paramref name="row"/> to every centroid, in the clustering space.</summary>
    /// <exception cref="ArgumentException">Wrong row length, or <paramref name="distances"/> shorter than K.</exception>
    public void Transform(ReadOnlySpan<float> row, Span<double> distances)
    {
        if (distances.Length < K)
        {
            throw new ArgumentException($"distances has room for {distances.Length} values; K is {K}.", nameof(distances));
        }

        Span<float> scaled = Dimensions <= 256 ? stackalloc float[Dimensions] : new float[Dimensions];
        ReadOnlySpan<float> x = Scale(row, scaled);
        for (int c = 0; c < K; c++)
        {
            distances[c] = Math.Sqrt(DistanceKernels.SquaredEuclideanDouble(x, _clusteringCentroids.AsSpan(c * Dimensions, Dimensions)));
        }
    }

    /// <summary>Segment assignments (with the distance to the segment's centroid) for identified rows.</summary>
    /// <exception cref="ArgumentException">Customer and row counts differ, or the column count is wrong.</exception>
    public IReadOnlyList<SegmentAssignment> Assign(IReadOnlyList<CustomerId> customers, FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(features);
        EnsureColumns(features.Columns, nameof(features));
        if (customers.Count != features.Rows)
        {
            throw new ArgumentException($"{customers.Count} customers for {features.Rows} rows.", nameof(customers));
        }

        var result = new SegmentAssignment[features.Rows];
        Span<double> distances = new double[K];
        for (int i = 0; i < result.Length; i++)
        {
            Transform(features.Row(i), distances);
            int label = Predict(features.Row(i));
            result[i] = new SegmentAssignment(customers[i], label, distances[label]);
        }

        return result;
    }

    private ReadOnlySpan<float> Scale(ReadOnlySpan<float> row, Span<float> buffer)
    {
        EnsureColumns(row.Length, nameof(row));
        FeatureValidation.EnsureFinite(row, Dimensions, nameof(row));
        if (_scaler is null)
        {
            return row;
        }

        _scaler.TransformRow(row, buffer, 0, nameof(row));
        return buffer;
    }

    private void EnsureColumns(int columns, string parameterName)
    {
        if (columns != Dimensions)
        {
            throw new ArgumentException($"{parameterName} has {columns} columns; the model expects {Dimensions}.", parameterName);
        }
    }
}
