using System.Globalization;

namespace Loyalty.Cli.Input;

/// <summary>A parsed CSV: header names and rows of raw fields, with the file name and 1-based line numbers for
/// error messages.</summary>
internal sealed record CsvTable(string File, string[] Header, List<(long Line, string[] Fields)> Rows)
{
    /// <summary>The line of the header, for errors about a missing column.</summary>
    internal long HeaderLine { get; init; } = 1;

    /// <summary>Reads a comma-separated file with a header line (strict UTF-8, CSV quoting as <see cref="CsvLine"/>,
    /// unique header names); blank lines are skipped.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InputFormatException">Invalid UTF-8, a quoting error, a repeated header name, no header, or a
    /// row whose field count differs from the header's; the message names the file, line and column.</exception>
    internal static CsvTable Read(string path)
    {
        using var reader = Utf8LineReader.Open(path);
        return Read(reader, path);
    }

    /// <inheritdoc cref="Read(string)"/>
    internal static CsvTable Read(Stream stream, string file)
    {
        using var reader = new Utf8LineReader(stream, file);
        return Read(reader, file);
    }

    private static CsvTable Read(Utf8LineReader reader, string file)
    {
        string? headerLine = reader.ReadLine();
        while (headerLine is not null && string.IsNullOrWhiteSpace(headerLine))
        {
            headerLine = reader.ReadLine();
        }

        if (headerLine is null)
        {
            throw InputFormatException.AtLine(file, Math.Max(1, reader.LineNumber), "the file is empty; expected a header line");
        }

        long headerAt = reader.LineNumber;
        string[] header = CsvLine.Split(headerLine, file, headerAt);
        CsvHeader.EnsureUnique(header, file, headerAt);
        var rows = new List<(long, string[])>();
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            string[] fields = CsvLine.Split(text, file, reader.LineNumber);
            if (fields.Length != header.Length)
            {
                throw InputFormatException.AtLine(file, reader.LineNumber, string.Create(CultureInfo.InvariantCulture,
                    $"{fields.Length} fields, but the header has {header.Length} (a thousands separator or decimal comma splits a number; quote such fields or fix them)"));
            }

            rows.Add((reader.LineNumber, fields));
        }

        return new CsvTable(file, header, rows) { HeaderLine = headerAt };
    }

    /// <summary>The line after the last row, for "no data rows" errors.</summary>
    internal long EndLine => Rows.Count > 0 ? Rows[^1].Line + 1 : HeaderLine + 1;

    /// <summary>The index of the first header that matches one of <paramref name="names"/> (case-insensitive), or −1.</summary>
    internal int Find(params string[] names)
    {
        for (int i = 0; i < Header.Length; i++)
        {
            if (names.Any(n => string.Equals(n, Header[i], StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of a required column.</summary>
    /// <exception cref="InputFormatException">No header matches.</exception>
    internal int Require(params string[] names)
    {
        int i = Find(names);
        return i >= 0
            ? i
            : throw InputFormatException.AtLine(File, HeaderLine, $"missing column '{names[0]}'" + (names.Length > 1 ? $" (or {string.Join(", ", names.Skip(1).Select(n => $"'{n}'"))})" : "") + $"; the header is {InputExcerpt.Quote(string.Join(",", Header))}");
    }

    /// <summary>The column's label in messages: its name, or its 1-based number when unnamed.</summary>
    internal string Label(int column) => InputFormatException.ColumnLabel(Header, column);

    /// <exception cref="InputFormatException">Not a finite number.</exception>
    internal double Double(long line, string[] fields, int column)
    {
        string text = fields[column];
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw InputFormatException.AtField(File, line, Label(column), $"{InputExcerpt.Quote(text)} is not a finite number");
    }

    /// <exception cref="InputFormatException">Not a non-negative integer (integers written as "3.0" are accepted).</exception>
    internal int NonNegativeInt(long line, string[] fields, int column)
    {
        string text = fields[column];
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0)
        {
            return v;
        }

        // Accept "3.0" (integers written as floats by pandas), reject 2.5.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= 0 && d == Math.Floor(d) && d <= int.MaxValue)
        {
            return (int)d;
        }

        throw InputFormatException.AtField(File, line, Label(column), $"{InputExcerpt.Quote(text)} is not a non-negative integer");
    }

    /// <summary>An id field: not blank and free of control characters (ids are compared exactly as written).</summary>
    /// <exception cref="InputFormatException">The id is blank or has a control character.</exception>
    internal string Id(long line, string[] fields, int column)
    {
        string text = fields[column];
        return string.IsNullOrWhiteSpace(text)
            ? throw InputFormatException.AtField(File, line, Label(column), "empty id")
            : CsvHeader.HasControl(text)
                ? throw InputFormatException.AtField(File, line, Label(column), $"the id {InputExcerpt.Quote(text)} has a control character")
                : text;
    }
}
