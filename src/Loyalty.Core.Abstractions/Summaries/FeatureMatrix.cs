namespace Loyalty.Core;

/// <summary>
/// An immutable, dense, row-major matrix of single-precision features: one row per customer (or point), one column
/// per feature. The engines read it as spans; no string column lookups happen in a hot loop.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class FeatureMatrix
{
    private readonly float[] _data;

    /// <summary>Wraps row-major data. The array is copied so the matrix stays immutable.</summary>
    /// <param name="data">Row-major values, length <paramref name="rows"/> × <paramref name="columns"/>.</param>
    /// <param name="rows">Number of rows (0 or more).</param>
    /// <param name="columns">Number of columns (1 or more).</param>
    /// <param name="columnNames">Optional names, one per column.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative row count or a column count below 1.</exception>
    /// <exception cref="ArgumentException">The data length or the number of names does not match.</exception>
    public FeatureMatrix(ReadOnlySpan<float> data, int rows, int columns, IReadOnlyList<string>? columnNames = null)
        : this(data.ToArray(), rows, columns, columnNames, validate: true)
    {
    }

    private FeatureMatrix(float[] data, int rows, int columns, IReadOnlyList<string>? columnNames, bool validate)
    {
        if (validate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(rows);
            ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
            if ((long)rows * columns != data.Length)
            {
                throw new ArgumentException(
                    $"Data has {data.Length} values; {rows} rows × {columns} columns need {(long)rows * columns}.",
                    nameof(data));
            }

            if (columnNames is not null && columnNames.Count != columns)
            {
                throw new ArgumentException(
                    $"{columnNames.Count} column names given for {columns} columns.", nameof(columnNames));
            }
        }

        _data = data;
        Rows = rows;
        Columns = columns;
        ColumnNames = columnNames?.ToArray() ?? Enumerable.Range(0, columns).Select(i => $"f{i}").ToArray();
    }

    /// <summary>Builds a matrix from rows of equal length.</summary>
    /// <exception cref="ArgumentException">The rows are not all of the same length, or there are none.</exception>
    public static FeatureMatrix FromRows(IReadOnlyList<float[]> rows, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is needed to know the column count.", nameof(rows));
        }

        int columns = rows[0].Length;
        var data = new float[(long)rows.Count * columns];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != columns)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Length} values; row 0 has {columns}.", nameof(rows));
            }

            rows[i].CopyTo(data, (long)i * columns);
        }

        return new FeatureMatrix(data, rows.Count, columns, columnNames, validate: true);
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Column names (f0, f1, ... when none were given).</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>All values, row-major.</summary>
    public ReadOnlySpan<float> Data => _data;

    /// <summary>All values as memory, row-major (for engines that work across threads).</summary>
    public ReadOnlyMemory<float> Memory => _data;

    /// <summary>One row.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The row index is outside the matrix.</exception>
    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return _data.AsSpan(row * Columns, Columns);
    }

    /// <summary>Value at (row, column).</summary>
    public float this[int row, int column] => Row(row)[column];
}
