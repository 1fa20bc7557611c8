namespace Loyalty.Core.Recommendation;

/// <summary>Compressed sparse rows: for each row, its column indexes (ascending) and values.</summary>
internal sealed class SparseRows
{
    internal SparseRows(int[] start, int[] columns, float[] values)
    {
        Start = start;
        Columns = columns;
        Values = values;
    }

    /// <summary>Row r occupies [Start[r], Start[r + 1]).</summary>
    internal int[] Start { get; }

    internal int[] Columns { get; }

    internal float[] Values { get; }

    internal int RowCount => Start.Length - 1;

    internal ReadOnlySpan<int> ColumnsOf(int row) => Columns.AsSpan(Start[row], Start[row + 1] - Start[row]);

    internal ReadOnlySpan<float> ValuesOf(int row) => Values.AsSpan(Start[row], Start[row + 1] - Start[row]);

    internal int Length(int row) => Start[row + 1] - Start[row];

    /// <summary>Rows by user (columns = items) or by item (columns = users).</summary>
    internal static SparseRows FromEntries(int rowCount, IReadOnlyList<RatingEntry> entries, bool byUser)
    {
        var start = new int[rowCount + 1];
        foreach (var e in entries)
        {
            start[(byUser ? e.User : e.Item) + 1]++;
        }

        for (int r = 0; r < rowCount; r++)
        {
            start[r + 1] += start[r];
        }

        var columns = new int[entries.Count];
        var values = new float[entries.Count];
        var fill = (int[])start.Clone();
        foreach (var e in entries)
        {
            int row = byUser ? e.User : e.Item;
            int at = fill[row]++;
            columns[at] = byUser ? e.Item : e.User;
            values[at] = e.Value;
        }

        for (int r = 0; r < rowCount; r++)
        {
            Array.Sort(columns, values, start[r], start[r + 1] - start[r]);
        }

        return new SparseRows(start, columns, values);
    }
}
