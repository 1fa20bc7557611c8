namespace Loyalty.Core;

/// <summary>A named group of customers, from clustering or from a rule such as RFM quintiles.</summary>
/// <param name="Id">The segment's number, unique within one segmentation (clusters: 0..k−1).</param>
/// <param name="Name">A name a marketer can read ("Champions", "Cluster 2 — frequent big spenders").</param>
/// <param name="Description">Optional longer text.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record Segment(int Id, string Name, string? Description = null);

/// <summary>The segment a customer was put in.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="SegmentId">The segment's id; <see cref="Noise"/> for points a density method left unassigned.</param>
/// <param name="Distance">Distance to the segment's centre in the feature space used, when the method has one; NaN
/// otherwise.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct SegmentAssignment(CustomerId CustomerId, int SegmentId, double Distance = double.NaN)
{
    /// <summary>The id density-based methods (DBSCAN) give to noise points.</summary>
    public const int Noise = -1;
}

/// <summary>Fits a segmentation of customers from their feature rows.</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface ISegmenter
{
    /// <summary>Fits the segmentation.</summary>
    /// <param name="features">One row per customer.</param>
    /// <param name="cancellationToken">Stops a long fit.</param>
    /// <returns>The fitted, immutable model.</returns>
    ISegmentationModel Fit(FeatureMatrix features, CancellationToken cancellationToken = default);
}

/// <summary>A fitted segmentation. Implementations are immutable and safe to share between threads.</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface ISegmentationModel
{
    /// <summary>The segments (clusters), in id order.</summary>
    IReadOnlyList<Segment> Segments { get; }

    /// <summary>Number of feature columns the model expects.</summary>
    int Dimensions { get; }

    /// <summary>The segment for one feature row (in the same units as the fitting data).</summary>
    /// <exception cref="ArgumentException">The row length differs from <see cref="Dimensions"/>.</exception>
    int Predict(ReadOnlySpan<float> row);
}
