using Loyalty.Cli.Infrastructure;
using Loyalty.Core;

namespace Loyalty.Cli.Input;

/// <summary>Reads a numeric matrix, choosing the format by extension: .csv, .kmf or .npy; then keeps the
/// <c>--columns</c> selection (binary files have no header, so there only 1-based numbers).</summary>
internal static class MatrixFileReader
{
    /// <summary>Whether <paramref name="path"/> is read as CSV (the only format with a header line).</summary>
    internal static bool IsCsv(string path) => Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="UserInputException">The file is missing, its extension unknown, or --columns does not fit it.</exception>
    /// <exception cref="InputFormatException">The content is malformed; the message names the file and where.</exception>
    internal static FeatureMatrix Read(string path, MatrixReadOptions options)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"input file '{InputExcerpt.Name(path)}' does not exist");
        }

        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".csv")
        {
            return MatrixCsvReader.Read(path, options);
        }

        FeatureMatrix matrix = extension switch
        {
            ".kmf" => MatrixKmfReader.Read(path),
            ".npy" => MatrixNpyReader.Read(path),
            string other => throw new UserInputException(
                $"input file '{InputExcerpt.Name(path)}': unknown extension {InputExcerpt.Quote(other)} (use .csv, .kmf or .npy)"),
        };
        return options.Columns is null ? matrix : Select(matrix, ColumnSelection.Resolve(options.Columns, null, matrix.Columns, path));
    }

    private static FeatureMatrix Select(FeatureMatrix matrix, int[] columns)
    {
        var data = new float[(long)matrix.Rows * columns.Length];
        for (int i = 0; i < matrix.Rows; i++)
        {
            ReadOnlySpan<float> row = matrix.Row(i);
            for (int j = 0; j < columns.Length; j++)
            {
                data[((long)i * columns.Length) + j] = row[columns[j]];
            }
        }

        return new FeatureMatrix(data, matrix.Rows, columns.Length);
    }
}
