namespace Loyalty.Core.Collection;

/// <summary>A transaction file could not be read: the message names the file, the line and the column.</summary>
/// <remarks>The message is one line: <c>file: line N, column 'name': problem</c>. Text taken from the input (the
/// file name, the column name, excerpts inside the problem) is bounded to about 80 characters and shown with control
/// characters and invalid bytes escaped (<c>\x1B</c>, <c>\xFF</c>), so the message is safe to print to a terminal
/// however hostile the file. Line 0 means the file as a whole.
/// Thread safety: immutable once constructed; safe to read from any thread.</remarks>
public sealed class TransactionFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file or source name.</param>
    /// <param name="line">1-based line; 0 for the file as a whole.</param>
    /// <param name="column">The column at fault, when one is.</param>
    /// <param name="problem">What is wrong; quote input in it only through a bounded, escaped excerpt.</param>
    public TransactionFormatException(string source, long line, string? column, string problem)
        : base(Format(source, line, column, problem))
    {
        Source = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or source name).</summary>
    public new string Source { get; }

    /// <summary>1-based line number; 0 for problems with the file as a whole.</summary>
    public long Line { get; }

    /// <summary>The column, when one is at fault.</summary>
    public string? Column { get; }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }

    private static string Format(string source, long line, string? column, string problem)
    {
        string file = InputExcerpt.Of(source ?? string.Empty, 2 * InputExcerpt.DefaultLength);
        string where = column is null ? $"{file}: line {line}" : $"{file}: line {line}, column '{InputExcerpt.Of(column, InputExcerpt.DefaultLength / 2)}'";
        return $"{where}: {(problem ?? string.Empty).ReplaceLineEndings(" ")}";
    }
}
