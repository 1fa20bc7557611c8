namespace Loyalty.Core.Segmentation;

/// <summary>An exact accelerated assignment (Hamerly, Yinyang): distance bounds carried across Lloyd iterations let
/// it skip comparisons, and it returns exactly the labels <see cref="AssignmentKernel.NearestRows"/> would.</summary>
internal interface IBoundedAssigner
{
    /// <summary>Called before each pass with the centroids of that pass.</summary>
    void BeginIteration(float[] centroids);

    /// <summary>How far each centroid moved in the last update (Euclidean distance).</summary>
    void SetShifts(double[] shifts);

    /// <summary>The nearest centroid of rows [start, start + nearest.Length); <paramref name="labels"/> holds the
    /// previous labels (−1 before the first pass).</summary>
    void Nearest(int start, Span<int> nearest, CentroidPanel panel, float[] centroids, int[] labels);
}
