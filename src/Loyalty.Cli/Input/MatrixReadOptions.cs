namespace Loyalty.Cli.Input;

/// <summary>How line 1 of a matrix CSV is read. Nothing is guessed: the mode decides, and a header that looks like data
/// is an error in the default mode.</summary>
internal enum CsvHeaderMode
{
    /// <summary>The default: line 1 is the header, and a header name that reads as a number is an error (the file
    /// most likely has no header; the user says which with <c>--no-header</c> or <c>--header</c>).</summary>
    Expected,

    /// <summary><c>--header</c>: line 1 is the header, whatever it holds (numeric column names included).</summary>
    Present,

    /// <summary><c>--no-header</c>: every line is data.</summary>
    Absent,
}

/// <summary>What to read from a matrix file.</summary>
/// <param name="Header">How line 1 of a CSV is read; binary formats have no header.</param>
/// <param name="Columns">The <c>--columns</c> text (names or 1-based numbers, comma-separated), or null for all.</param>
/// <param name="HeaderOption">The option that set <paramref name="Header"/>, for messages ("--header"), or null for the default.</param>
internal sealed record MatrixReadOptions(CsvHeaderMode Header = CsvHeaderMode.Expected, string? Columns = null, string? HeaderOption = null)
{
    /// <summary>The default: a header expected, every column.</summary>
    internal static MatrixReadOptions Default { get; } = new();
}
