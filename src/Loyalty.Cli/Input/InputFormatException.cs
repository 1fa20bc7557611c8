using System.Globalization;

namespace Loyalty.Cli.Input;

/// <summary>
/// The one error the CLI's input readers throw for a file's content: it names the file and where in it the problem is
/// (a 1-based line, and a column by header name or 1-based number, for text; a byte offset for binary files). Text
/// from the file appears only as a bounded, escaped excerpt (<see cref="InputExcerpt"/>). A <see cref="FormatException"/>,
/// so the CLI prints it on one line and exits 2.
/// </summary>
internal sealed class InputFormatException : FormatException
{
    private InputFormatException(string file, long? line, string? column, long? byteOffset, string message)
        : base(message)
    {
        File = file;
        Line = line;
        Column = column;
        ByteOffset = byteOffset;
    }

    /// <summary>The file as the user named it.</summary>
    internal string File { get; }

    /// <summary>The 1-based line of a text file; null for a binary file.</summary>
    internal long? Line { get; }

    /// <summary>The column: its header name in quotes or its 1-based number; null when the whole line is at fault.</summary>
    internal string? Column { get; }

    /// <summary>The byte offset from the start of a binary file; null for a text file.</summary>
    internal long? ByteOffset { get; }

    /// <summary>A problem with a whole line of a text file: "<c>file:line: reason</c>".</summary>
    internal static InputFormatException AtLine(string file, long line, string reason) =>
        new(file, line, null, null, string.Create(CultureInfo.InvariantCulture, $"{InputExcerpt.Name(file)}:{line}: {reason}"));

    /// <summary>A problem with one field: "<c>file:line, column 'name': reason</c>" (or "<c>column 3</c>" without a header).</summary>
    internal static InputFormatException AtField(string file, long line, string column, string reason) =>
        new(file, line, column, null, string.Create(CultureInfo.InvariantCulture, $"{InputExcerpt.Name(file)}:{line}, column {column}: {reason}"));

    /// <summary>A problem at a character of a line (for bytes that are no text at all): "<c>file:line, character N: reason</c>".</summary>
    internal static InputFormatException AtCharacter(string file, long line, long character, string reason) =>
        new(file, line, string.Create(CultureInfo.InvariantCulture, $"character {character}"), null,
            string.Create(CultureInfo.InvariantCulture, $"{InputExcerpt.Name(file)}:{line}, character {character}: {reason}"));

    /// <summary>A problem at a byte offset of a binary file: "<c>file, byte N: reason</c>".</summary>
    internal static InputFormatException AtByte(string file, long offset, string reason) =>
        new(file, null, null, offset, string.Create(CultureInfo.InvariantCulture, $"{InputExcerpt.Name(file)}, byte {offset}: {reason}"));

    /// <summary>How a column is named in messages: its header name (escaped, in quotes) when it has a non-empty one,
    /// else its 1-based number.</summary>
    internal static string ColumnLabel(IReadOnlyList<string>? header, int index) =>
        header is not null && index < header.Count && header[index].Length > 0
            ? InputExcerpt.Quote(header[index])
            : (index + 1).ToString(CultureInfo.InvariantCulture);
}
