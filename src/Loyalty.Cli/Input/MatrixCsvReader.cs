using System.Globalization;
using Loyalty.Core;

namespace Loyalty.Cli.Input;

/// <summary>Comma-separated numbers, one row per line, with an optional header line (a first line that is not all
/// numbers). Blank lines are skipped. Errors name the file, line and column.</summary>
internal static class MatrixCsvReader
{
    internal static FeatureMatrix Read(string path)
    {
        var values = new List<float>();
        string[]? header = null;
        int columns = -1;
        int rows = 0;
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (columns < 0 && header is null && rows == 0 && !fields.All(f => TryParse(f, out _)))
            {
                header = fields.Select(f => f.Trim().Trim('"')).ToArray();
                columns = fields.Length;
                continue;
            }

            if (columns >= 0 && fields.Length != columns)
            {
                throw new FormatException($"'{path}' line {lineNumber} has {fields.Length} values; expected {columns}.");
            }

            columns = fields.Length;
            for (int j = 0; j < fields.Length; j++)
            {
                if (!TryParse(fields[j], out float value))
                {
                    throw new FormatException($"'{path}' line {lineNumber} column {j}: '{fields[j].Trim()}' is not a number.");
                }

                values.Add(value);
            }

            rows++;
        }

        if (rows == 0)
        {
            throw new FormatException($"'{path}' has no data rows.");
        }

        return new FeatureMatrix(values.ToArray(), rows, columns, header);
    }

    private static bool TryParse(string field, out float value) =>
        float.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
