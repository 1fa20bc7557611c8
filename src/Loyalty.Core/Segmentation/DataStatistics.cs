using System.Runtime.CompilerServices;

namespace Loyalty.Core.Segmentation;

/// <summary>Per-column statistics used for the convergence tolerance, computed in double in a fixed order.</summary>
internal static class DataStatistics
{
    /// <summary>Mean over columns of the (population) variance of each column, as scikit-learn scales tol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double MeanColumnVariance(ReadOnlySpan<float> data, int rows, int columns)
    {
        var mean = new double[columns];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = data.Slice(i * columns, columns);
            for (int j = 0; j < columns; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < columns; j++)
        {
            mean[j] /= rows;
        }

        var squares = new double[columns];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = data.Slice(i * columns, columns);
            for (int j = 0; j < columns; j++)
            {
                double diff = row[j] - mean[j];
                squares[j] += diff * diff;
            }
        }

        return squares.Sum() / rows / columns;
    }

    /// <summary>Number of distinct rows (only used to explain an error, so a hash set is fine).</summary>
    internal static int DistinctRows(ReadOnlySpan<float> data, int rows, int columns)
    {
        var seen = new HashSet<RowKey>();
        for (int i = 0; i < rows; i++)
        {
            seen.Add(new RowKey(data.Slice(i * columns, columns).ToArray()));
        }

        return seen.Count;
    }

    private readonly struct RowKey(float[] values) : IEquatable<RowKey>
    {
        private readonly float[] _values = values;

        public bool Equals(RowKey other) => _values.AsSpan().SequenceEqual(other._values);

        public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (float v in _values)
            {
                hash.Add(v == 0f ? 0f : v);
            }

            return hash.ToHashCode();
        }
    }
}
