namespace Loyalty.Core.Collection;

/// <summary>A transaction file could not be read: the message names the file, the line and the column.</summary>
/// <remarks>Thread safety: immutable once constructed; safe to read from any thread.</remarks>
public sealed class TransactionFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public TransactionFormatException(string source, long line, string? column, string problem)
        : base(column is null ? $"{source}: line {line}: {problem}" : $"{source}: line {line}, column '{column}': {problem}")
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
}
