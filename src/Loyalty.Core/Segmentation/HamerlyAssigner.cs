using System.Runtime.CompilerServices;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>Hamerly's (2010) accelerated assignment: per point an upper bound u on the distance to its centroid
/// and a lower bound l on the distance to any other; a point is skipped when the bounds prove its label cannot
/// change. Returns exactly what Lloyd returns: a skip needs a margin larger than the rounding error E of Lloyd's
/// float expanded-form distances (so Lloyd would pick the same centroid), and a point that is not skipped is
/// assigned by the same kernel arithmetic. Sums go through the same <see cref="PartialSumCache"/> as Lloyd's, so the
/// centroids are bitwise equal too.</summary>
internal sealed class HamerlyAssigner : IBoundedAssigner
{
    private readonly KMeansData _data;
    private readonly int _k;
    private readonly double[] _rowNorms;
    private readonly double[] _upper;
    private readonly double[] _lower;
    private readonly double[] _halfGap;
    private double[] _shifts;
    private double _maxShift;
    private double _secondShift;
    private int _maxMover = -1;
    private double _maxCentroidNorm;

    internal HamerlyAssigner(KMeansData data, int k, CancellationToken cancellationToken)
    {
        _data = data;
        _k = k;
        _rowNorms = ExpandedFormError.RowSquaredNorms(data, cancellationToken);
        _upper = new double[data.Rows];
        _lower = new double[data.Rows];
        _halfGap = new double[k];
        _shifts = new double[k];
    }

    /// <summary>Records how far each centroid moved in the last update (Euclidean distance).</summary>
    public void SetShifts(double[] shifts)
    {
        _shifts = shifts;
        _maxShift = 0;
        _secondShift = 0;
        _maxMover = -1;
        for (int c = 0; c < shifts.Length; c++)
        {
            if (shifts[c] > _maxShift)
            {
                _secondShift = _maxShift;
                _maxShift = shifts[c];
                _maxMover = c;
            }
            else if (shifts[c] > _secondShift)
            {
                _secondShift = shifts[c];
            }
        }
    }

    /// <summary>Half the distance from each centroid to its nearest other centroid, and the largest norm.</summary>
    public void BeginIteration(float[] centroids)
    {
        int d = _data.Columns;
        _maxCentroidNorm = ExpandedFormError.MaxSquaredNorm(centroids, _k, d);
        for (int a = 0; a < _k; a++)
        {
            ReadOnlySpan<float> ca = centroids.AsSpan(a * d, d);
            double nearest = double.PositiveInfinity;
            for (int b = 0; b < _k; b++)
            {
                if (b != a)
                {
                    nearest = Math.Min(nearest, DistanceKernels.SquaredEuclideanDouble(ca, centroids.AsSpan(b * d, d)));
                }
            }

            _halfGap[a] = 0.5 * Math.Sqrt(nearest);
        }
    }

    /// <summary>The nearest centroid of rows [start, start + nearest.Length), as
    /// <see cref="AssignmentKernel.NearestRows"/> would find it; rows whose bounds prove the label unchanged keep
    /// <paramref name="labels"/>' value without computing any distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Nearest(int start, Span<int> nearest, CentroidPanel panel, float[] centroids, int[] labels)
    {
        int d = _data.Columns;
        ReadOnlySpan<float> points = _data.Points.Span;
        Span<float> distances = panel.PaddedK <= 1024 ? stackalloc float[panel.PaddedK] : new float[panel.PaddedK];
        for (int r = 0; r < nearest.Length; r++)
        {
            int i = start + r;
            ReadOnlySpan<float> row = points.Slice(i * d, d);
            int label = labels[i];
            if (label < 0 || !StillNearest(i, label, row, centroids))
            {
                label = FullAssign(i, row, panel, distances);
            }

            nearest[r] = label;
        }
    }

    private bool StillNearest(int i, int label, ReadOnlySpan<float> row, float[] centroids)
    {
        _upper[i] += _shifts[label];
        _lower[i] -= label == _maxMover ? _secondShift : _maxShift;
        double margin = 2 * ExpandedFormError.Bound(_data.Columns, _rowNorms[i], _maxCentroidNorm);
        if (Separated(i, label, margin))
        {
            return true;
        }

        int d = _data.Columns;
        _upper[i] = Math.Sqrt(DistanceKernels.SquaredEuclideanDouble(row, centroids.AsSpan(label * d, d)));
        return Separated(i, label, margin);
    }

    // Every other centroid is at least m away (m from the lower bound or from the centroid gap), and m² − u² beats
    // twice the rounding error, so Lloyd's float argmin is certainly this label.
    private bool Separated(int i, int label, double margin)
    {
        double u = _upper[i];
        double m = Math.Max(_lower[i], 2 * _halfGap[label] - u);
        return m > u && (m * m) - (u * u) > margin;
    }

    private int FullAssign(int i, ReadOnlySpan<float> row, CentroidPanel panel, Span<float> distances)
    {
        AssignmentKernel.ExpandedDistances(row, panel, distances);

        // One pass for the nearest and the runner-up; a later equal value becomes the runner-up, so ties keep the
        // lowest index as Lloyd does.
        int best = 0;
        float nearest = distances[0];
        float second = float.PositiveInfinity;
        for (int c = 1; c < _k; c++)
        {
            float value = distances[c];
            if (value < nearest)
            {
                second = nearest;
                nearest = value;
                best = c;
            }
            else if (value < second)
            {
                second = value;
            }
        }

        double error = ExpandedFormError.Bound(_data.Columns, _rowNorms[i], _maxCentroidNorm);
        _upper[i] = Math.Sqrt(Math.Max(0, nearest + _rowNorms[i] + error));
        _lower[i] = Math.Sqrt(Math.Max(0, second + _rowNorms[i] - error));
        return best;
    }
}
