using Loyalty.Core.Validation;

namespace Loyalty.Core.Segmentation;

/// <summary>Settings of DBSCAN. Immutable; <see cref="Validate"/> reports every problem at once.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record DbscanOptions
{
    /// <summary>Neighbourhood radius ε (Euclidean, in the units of the features). Required, &gt; 0.</summary>
    public double Eps { get; init; }

    /// <summary>Points within ε (the point itself included) that make a point a core point (default 5).</summary>
    public int MinSamples { get; init; } = 5;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists all of them.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(DbscanOptions));
        // ε is used in single precision by the neighbour grid, so it must fit a float.
        v.Require(double.IsFinite(Eps) && Eps > 0 && Eps <= float.MaxValue, nameof(Eps), $"must be a finite number > 0 (was {OptionsValidator.Format(Eps)})");
        v.AtLeast(nameof(MinSamples), MinSamples, 1);
        v.ThrowIfInvalid();
    }
}

/// <summary>DBSCAN (Ester et al. 1996) for low-dimensional features (at most 8 columns): clusters are connected
/// regions of core points (≥ MinSamples points within ε) plus the border points they reach; the rest is labelled
/// <see cref="SegmentAssignment.Noise"/>. Neighbours come from a uniform ε-grid, not an O(n²) scan. Points are
/// visited in row order, so the labelling is deterministic (a border point reachable from two clusters joins the
/// one found first, as in scikit-learn).</summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class Dbscan : ISegmenter
{
    private const int Unvisited = -2;

    /// <summary>Creates a DBSCAN segmenter.</summary>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    public Dbscan(DbscanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public DbscanOptions Options { get; }

    /// <summary>Clusters <paramref name="features"/>.</summary>
    /// <exception cref="ArgumentException">Empty data, more than 8 columns, or a NaN/infinite value or one above
    /// 1e18/√columns, whose squared distances could overflow float (row and column named).</exception>
    public DbscanModel Fit(FeatureMatrix features, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Rows == 0)
        {
            throw new ArgumentException("features has no rows.", nameof(features));
        }

        if (features.Columns > NeighbourGrid.MaxDimensions)
        {
            throw new ArgumentException(
                $"features has {features.Columns} columns; DBSCAN here is for at most {NeighbourGrid.MaxDimensions} (reduce the dimensions first).", nameof(features));
        }

        FeatureValidation.EnsureFinite(features.Data, features.Columns, nameof(features));
        FeatureValidation.EnsureDistancesFit(features.Data, features.Columns, nameof(features));
        float[] points = features.Data.ToArray();
        var grid = new NeighbourGrid(points, features.Rows, features.Columns, (float)Options.Eps);
        var labels = new int[features.Rows];
        Array.Fill(labels, Unvisited);
        var core = new bool[features.Rows];
        var neighbours = new List<int>();
        var queue = new Queue<int>();
        int clusters = 0;
        for (int i = 0; i < features.Rows; i++)
        {
            if (labels[i] != Unvisited)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            grid.Query(features.Row(i), neighbours);
            if (neighbours.Count < Options.MinSamples)
            {
                labels[i] = SegmentAssignment.Noise;
                continue;
            }

            int cluster = clusters++;
            labels[i] = cluster;
            core[i] = true;
            neighbours.ForEach(queue.Enqueue);
            while (queue.TryDequeue(out int q))
            {
                if (labels[q] == SegmentAssignment.Noise)
                {
                    labels[q] = cluster;
                }

                if (labels[q] != Unvisited)
                {
                    continue;
                }

                labels[q] = cluster;
                grid.Query(features.Row(q), neighbours);
                if (neighbours.Count >= Options.MinSamples)
                {
                    core[q] = true;
                    neighbours.ForEach(queue.Enqueue);
                }
            }
        }

        return new DbscanModel(features, labels, core, clusters, Options.Eps);
    }

    /// <inheritdoc />
    ISegmentationModel ISegmenter.Fit(FeatureMatrix features, CancellationToken cancellationToken) => Fit(features, cancellationToken);
}
