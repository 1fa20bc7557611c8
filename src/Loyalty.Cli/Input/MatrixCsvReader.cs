using System.Globalization;
using Loyalty.Core;

namespace Loyalty.Cli.Input;

/// <summary>
/// Comma-separated numbers, one row per line (CSV quoting as <see cref="CsvLine"/>), strict UTF-8. Line 1 is a header
/// or data as <see cref="MatrixReadOptions.Header"/> says — never guessed; header names are unique. Every line has the
/// header's (or the first row's) field count; every selected value is a finite float32. Blank lines are skipped.
/// </summary>
/// <remarks>Errors: <see cref="InputFormatException"/> naming the file, line and column; option errors
/// (<c>--columns</c>) are <see cref="Infrastructure.UserInputException"/>. Thread safety: stateless.</remarks>
internal static class MatrixCsvReader
{
    internal static FeatureMatrix Read(string path, MatrixReadOptions options)
    {
        using var reader = Utf8LineReader.Open(path);
        return Read(reader, path, options);
    }

    internal static FeatureMatrix Read(Stream stream, string file, MatrixReadOptions options)
    {
        using var reader = new Utf8LineReader(stream, file);
        return Read(reader, file, options);
    }

    private static FeatureMatrix Read(Utf8LineReader reader, string file, MatrixReadOptions options)
    {
        string[]? header = null;
        int[]? selected = null;
        int fieldCount = -1;
        var values = new List<float>();
        int rows = 0;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            long line = reader.LineNumber;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            string[] fields = CsvLine.Split(text, file, line);
            if (fieldCount < 0)
            {
                fieldCount = fields.Length;
                if (options.Header != CsvHeaderMode.Absent)
                {
                    header = ReadHeader(fields, file, line, options);
                    selected = ColumnSelection.Resolve(options.Columns, header, fieldCount, file);
                    EnsureNamed(header, selected, file, line);
                    continue;
                }

                selected = ColumnSelection.Resolve(options.Columns, null, fieldCount, file);
            }

            if (fields.Length != fieldCount)
            {
                throw InputFormatException.AtLine(file, line, string.Create(CultureInfo.InvariantCulture,
                    $"{fields.Length} fields, but {(header is null ? "the first row" : "the header")} has {fieldCount} (a decimal comma or thousands separator splits a number; quote such fields or fix them)"));
            }

            if ((long)values.Count + selected!.Length > Array.MaxLength)
            {
                throw InputFormatException.AtLine(file, line, "more values than one matrix can hold");
            }

            foreach (int j in selected)
            {
                values.Add(Value(fields[j], file, line, header, j));
            }

            rows++;
        }

        if (rows == 0)
        {
            throw InputFormatException.AtLine(file, Math.Max(1, reader.LineNumber), header is null ? "no data rows (the file is empty)" : "no data rows after the header");
        }

        string[]? names = header is null ? null : [.. selected!.Select(j => header[j])];
        return new FeatureMatrix(values.ToArray(), rows, selected!.Length, names);
    }

    private static string[] ReadHeader(string[] fields, string file, long line, MatrixReadOptions options)
    {
        if (options.Header == CsvHeaderMode.Expected)
        {
            for (int j = 0; j < fields.Length; j++)
            {
                if (float.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw InputFormatException.AtField(file, line, (j + 1).ToString(CultureInfo.InvariantCulture),
                        $"line {line} is read as the header (the default), but {InputExcerpt.Quote(fields[j])} is a number, not a column name: pass --no-header if the file has no header line, or --header if these are the column names");
                }
            }
        }

        CsvHeader.EnsureUnique(fields, file, line);
        return fields;
    }

    private static void EnsureNamed(string[] header, int[] selected, string file, long line)
    {
        foreach (int j in selected)
        {
            if (header[j].Length == 0 || CsvHeader.HasControl(header[j]))
            {
                throw InputFormatException.AtField(file, line, (j + 1).ToString(CultureInfo.InvariantCulture),
                    $"column name {InputExcerpt.Quote(header[j])} is empty or has a control character; name it, or leave it out with --columns");
            }
        }
    }

    private static float Value(string field, string file, long line, string[]? header, int column)
    {
        if (float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value))
        {
            return value;
        }

        string reason = float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "is not finite (NaN, infinity, or beyond float32's ±3.4e38)"
            : "is not a number";
        throw InputFormatException.AtField(file, line, InputFormatException.ColumnLabel(header, column), $"{InputExcerpt.Quote(field)} {reason}");
    }
}
