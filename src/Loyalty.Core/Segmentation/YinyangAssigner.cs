using System.Runtime.CompilerServices;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>Yinyang k-means' assignment (Ding et al. 2015, global and group filters): the centroids are split once
/// into t ≈ k/10 groups; each point keeps an upper bound u on the distance to its centroid and, per group, a lower
/// bound on the distance to the group's other centroids. A point whose u is below every group bound keeps its label;
/// otherwise only the groups whose bound u does not beat are searched. Returns exactly what Lloyd returns: a bound
/// only rules a centroid out with a margin larger than the rounding error of Lloyd's float expanded-form distances
/// (as in <see cref="HamerlyAssigner"/>), and the searched distances use Lloyd's arithmetic, so the argmin (ties to
/// the lowest index) is Lloyd's.</summary>
internal sealed class YinyangAssigner : IBoundedAssigner
{
    private readonly KMeansData _data;
    private readonly int _k;
    private readonly int[] _groupOf;
    private readonly int[][] _members;
    private readonly double[] _rowNorms;
    private readonly double[] _upper;
    private readonly double[] _lower;
    private readonly double[] _groupDrift;
    private double[] _shifts;
    private double _maxCentroidNorm;

    internal YinyangAssigner(KMeansData data, int k, float[] initialCentroids, CancellationToken cancellationToken)
    {
        _data = data;
        _k = k;
        _groupOf = CentroidGroups.Assign(initialCentroids, k, data.Columns);
        int groups = _groupOf.Max() + 1;
        _members = Enumerable.Range(0, groups).Select(g => Enumerable.Range(0, k).Where(c => _groupOf[c] == g).ToArray()).ToArray();
        _rowNorms = ExpandedFormError.RowSquaredNorms(data, cancellationToken);
        _upper = new double[data.Rows];
        _lower = new double[(long)data.Rows * groups];
        _groupDrift = new double[groups];
        _shifts = new double[k];
    }

    private int Groups => _members.Length;

    /// <inheritdoc />
    public void BeginIteration(float[] centroids) =>
        _maxCentroidNorm = ExpandedFormError.MaxSquaredNorm(centroids, _k, _data.Columns);

    /// <inheritdoc />
    public void SetShifts(double[] shifts)
    {
        _shifts = shifts;
        for (int g = 0; g < Groups; g++)
        {
            double drift = 0;
            foreach (int c in _members[g])
            {
                drift = Math.Max(drift, shifts[c]);
            }

            _groupDrift[g] = drift;
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Nearest(int start, Span<int> nearest, CentroidPanel panel, float[] centroids, int[] labels)
    {
        int d = _data.Columns;
        ReadOnlySpan<float> points = _data.Points.Span;
        Span<float> distances = panel.PaddedK <= 1024 ? stackalloc float[panel.PaddedK] : new float[panel.PaddedK];
        Span<bool> searched = Groups <= 1024 ? stackalloc bool[Groups] : new bool[Groups];
        for (int r = 0; r < nearest.Length; r++)
        {
            int i = start + r;
            ReadOnlySpan<float> row = points.Slice(i * d, d);
            int label = labels[i];
            nearest[r] = label < 0 ? Search(i, -1, row, panel, distances, searched) : Filter(i, label, row, panel, centroids, distances, searched);
        }
    }

    // The global filter, then (after tightening u) the group filter; searches only the groups it cannot rule out.
    private int Filter(int i, int label, ReadOnlySpan<float> row, CentroidPanel panel, float[] centroids, Span<float> distances, Span<bool> searched)
    {
        Span<double> lower = _lower.AsSpan(i * Groups, Groups);
        _upper[i] += _shifts[label];
        double globalLower = double.PositiveInfinity;
        for (int g = 0; g < lower.Length; g++)
        {
            lower[g] -= _groupDrift[g];
            globalLower = Math.Min(globalLower, lower[g]);
        }

        double margin = 2 * ExpandedFormError.Bound(_data.Columns, _rowNorms[i], _maxCentroidNorm);
        if (Separated(_upper[i], globalLower, margin))
        {
            return label;
        }

        int d = _data.Columns;
        _upper[i] = Math.Sqrt(DistanceKernels.SquaredEuclideanDouble(row, centroids.AsSpan(label * d, d)));
        if (Separated(_upper[i], globalLower, margin))
        {
            return label;
        }

        return Search(i, label, row, panel, distances, searched);
    }

    // The argmin over the current centroid's group and every group the bounds cannot rule out (all groups for a point
    // without a label yet), then fresh bounds for the searched groups. The distances come from the vectorised
    // one-row kernel (all k at once, Lloyd's arithmetic): one chain of d fused multiply-adds per sixteen centroids is
    // far cheaper than one per centroid, even when only a few groups are searched.
    private int Search(int i, int label, ReadOnlySpan<float> row, CentroidPanel panel, Span<float> distances, Span<bool> searched)
    {
        Span<double> lower = _lower.AsSpan(i * Groups, Groups);
        AssignmentKernel.ExpandedDistances(row, panel, distances);
        double margin = 2 * ExpandedFormError.Bound(_data.Columns, _rowNorms[i], _maxCentroidNorm);
        int best = -1;
        float bestDistance = float.PositiveInfinity;
        for (int g = 0; g < Groups; g++)
        {
            // The current label's group is always searched, so its bound can be rebuilt without the new best.
            searched[g] = label < 0 || g == _groupOf[label] || !Separated(_upper[i], lower[g], margin);
            if (!searched[g])
            {
                continue;
            }

            foreach (int c in _members[g])
            {
                float distance = distances[c];
                if (distance < bestDistance || (distance == bestDistance && c < best))
                {
                    bestDistance = distance;
                    best = c;
                }
            }
        }

        double error = ExpandedFormError.Bound(_data.Columns, _rowNorms[i], _maxCentroidNorm);
        _upper[i] = Math.Sqrt(Math.Max(0, bestDistance + _rowNorms[i] + error));
        for (int g = 0; g < Groups; g++)
        {
            if (!searched[g])
            {
                continue;
            }

            float second = float.PositiveInfinity;
            foreach (int c in _members[g])
            {
                if (c != best)
                {
                    second = Math.Min(second, distances[c]);
                }
            }

            lower[g] = float.IsPositiveInfinity(second) ? double.PositiveInfinity : Math.Sqrt(Math.Max(0, second + _rowNorms[i] - error));
        }

        return best;
    }

    // Every centroid the bound covers is at least m away, and m² − u² beats twice the rounding error, so none of them
    // can be Lloyd's float argmin.
    private static bool Separated(double u, double m, double margin) => m > u && (m * m) - (u * u) > margin;
}
