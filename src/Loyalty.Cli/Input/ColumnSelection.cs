using System.Globalization;

namespace Loyalty.Cli.Input;

/// <summary>
/// Resolves <c>--columns</c>: a comma-separated list of header names (matched without case) or 1-based column numbers
/// (a token of digits only is always a number), in the order the matrix should have them. Each column at most once.
/// </summary>
internal static class ColumnSelection
{
    internal const string Option = "option --columns";

    /// <summary>The 0-based indices selected from a file of <paramref name="count"/> columns, or every column when
    /// <paramref name="text"/> is null.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="header">The header names, or null when the file has none (then only numbers are accepted).</param>
    /// <param name="count">The file's column count.</param>
    /// <param name="file">The file, for messages.</param>
    /// <exception cref="Infrastructure.UserInputException">A token is empty, unknown, out of range or repeated.</exception>
    internal static int[] Resolve(string? text, IReadOnlyList<string>? header, int count, string file)
    {
        if (text is null)
        {
            return [.. Enumerable.Range(0, count)];
        }

        var chosen = new List<int>();
        foreach (string raw in text.Split(','))
        {
            string token = raw.Trim();
            int index = Index(token, header, count, file);
            if (chosen.Contains(index))
            {
                throw new Infrastructure.UserInputException($"{Option}: column {InputExcerpt.Quote(token)} is listed twice");
            }

            chosen.Add(index);
        }

        return [.. chosen];
    }

    private static int Index(string token, IReadOnlyList<string>? header, int count, string file)
    {
        if (token.Length == 0)
        {
            throw new Infrastructure.UserInputException($"{Option}: an empty entry; give names or 1-based column numbers separated by commas");
        }

        if (token.All(char.IsAsciiDigit))
        {
            return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= count
                ? number - 1
                : throw new Infrastructure.UserInputException($"{Option}: column number {InputExcerpt.Quote(token)} is outside 1..{count} ({InputExcerpt.Name(file)} has {count} columns; numbers are 1-based)");
        }

        if (header is null)
        {
            throw new Infrastructure.UserInputException($"{Option}: {InputExcerpt.Quote(token)} is a name, but {InputExcerpt.Name(file)} is read without a header; give 1-based column numbers");
        }

        for (int i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], token, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new Infrastructure.UserInputException($"{Option}: no column {InputExcerpt.Quote(token)} in the header of {InputExcerpt.Name(file)}: {InputExcerpt.Quote(string.Join(",", header))}");
    }
}
