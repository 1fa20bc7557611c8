using System.Globalization;

namespace Loyalty.Cli.Input;

/// <summary>A parsed CSV: header names and rows of raw fields, with the file name and 1-based line numbers for
/// error messages.</summary>
internal sealed record CsvTable(string File, string[] Header, List<(int Line, string[] Fields)> Rows)
{
    /// <summary>Reads a comma-separated file with a header line; blank lines are skipped.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is empty or a row has the wrong number of fields.</exception>
    internal static CsvTable Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        using var reader = new StreamReader(path);
        string? headerLine = reader.ReadLine();
        while (headerLine is not null && headerLine.Trim().Length == 0)
        {
            headerLine = reader.ReadLine();
        }

        if (headerLine is null)
        {
            throw new FormatException($"{path}: the file is empty; expected a header line.");
        }

        var header = Split(headerLine);
        var rows = new List<(int, string[])>();
        int line = 1;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            var fields = Split(text);
            if (fields.Length != header.Length)
            {
                throw new FormatException($"{path}:{line}: expected {header.Length} fields as in the header, found {fields.Length}.");
            }

            rows.Add((line, fields));
        }

        return new CsvTable(path, header, rows);
    }

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
    /// <exception cref="FormatException">No header matches.</exception>
    internal int Require(params string[] names)
    {
        int i = Find(names);
        return i >= 0
            ? i
            : throw new FormatException($"{File}: missing column '{names[0]}'" + (names.Length > 1 ? $" (or {string.Join(", ", names.Skip(1).Select(n => $"'{n}'"))})" : "") + $"; the header is '{string.Join(",", Header)}'.");
    }

    internal double Double(int line, string[] fields, int column)
    {
        string text = fields[column];
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"{File}:{line}, column '{Header[column]}': '{text}' is not a finite number.");
    }

    internal int NonNegativeInt(int line, string[] fields, int column)
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

        throw new FormatException($"{File}:{line}, column '{Header[column]}': '{text}' is not a non-negative integer.");
    }

    private static string[] Split(string line) => line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
}
