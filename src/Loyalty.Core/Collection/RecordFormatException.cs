namespace Loyalty.Core.Collection;

/// <summary>
/// The record splitter found bytes it cannot split (a quote error, a record over the size limit). The file name is
/// not known at this level: readers that know it wrap the problem into their own format exception.
/// </summary>
/// <remarks>When <see cref="Recoverable"/>, the splitter has already moved past the bad record, so the caller may
/// count it as a rejected row and read on.</remarks>
internal sealed class RecordFormatException : FormatException
{
    internal RecordFormatException(long line, int field, string problem, bool recoverable)
        : base(field > 0 ? $"Line {line}, field {field}: {problem}" : $"Line {line}: {problem}")
    {
        Line = line;
        Field = field;
        Problem = problem;
        Recoverable = recoverable;
    }

    /// <summary>1-based line of the problem.</summary>
    internal long Line { get; }

    /// <summary>1-based field of the problem; 0 when the record as a whole is at fault.</summary>
    internal int Field { get; }

    /// <summary>The problem, with a bounded and escaped excerpt, without the location.</summary>
    internal string Problem { get; }

    /// <summary>True when reading may continue with the next record.</summary>
    internal bool Recoverable { get; }
}
