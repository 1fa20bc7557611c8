using System.Globalization;
using System.Text;

namespace Loyalty.Cli.Input;

/// <summary>
/// Text from an input file as it may appear in an error message: at most <see cref="MaxChars"/> characters, in single
/// quotes, with control, format and separator characters, backslashes and quotes escaped, so that a 5 MB field cannot
/// become a 5 MB error line and terminal escape sequences from a file never reach the terminal.
/// </summary>
internal static class InputExcerpt
{
    /// <summary>The most characters of file content an excerpt shows (escapes count as what they print).</summary>
    internal const int MaxChars = 80;

    /// <summary>The text, escaped and cut to <see cref="MaxChars"/>, in single quotes; a cut ends with "…" and the
    /// full length.</summary>
    internal static string Quote(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxChars) + 16).Append('\'');
        int consumed = AppendEscaped(builder, text, MaxChars);
        builder.Append('\'');
        if (consumed < text.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
        }

        return builder.ToString();
    }

    /// <summary>Bytes that are not valid UTF-8, shown as printable ASCII or <c>\xNN</c>, in single quotes, cut to
    /// <see cref="MaxChars"/>.</summary>
    internal static string Bytes(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder().Append('\'');
        int shown = 0;
        int i = 0;
        for (; i < bytes.Length && shown < MaxChars; i++)
        {
            byte b = bytes[i];
            shown += Append(builder, b is >= 0x20 and < 0x7F && b != '\\' && b != '\''
                ? ((char)b).ToString()
                : string.Create(CultureInfo.InvariantCulture, $"\\x{b:X2}"));
        }

        builder.Append('\'');
        if (i < bytes.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({bytes.Length} bytes)");
        }

        return builder.ToString();
    }

    /// <summary>A file name for a message: as given, with unsafe characters escaped but not cut (the user chose it).</summary>
    internal static string Name(string path)
    {
        foreach (char c in path)
        {
            if (NeedsEscape(c))
            {
                var builder = new StringBuilder(path.Length + 16);
                AppendEscaped(builder, path, int.MaxValue);
                return builder.ToString();
            }
        }

        return path;
    }

    /// <summary>Appends escaped text until <paramref name="limit"/> characters are shown; returns how many input
    /// characters were used. A loop over the text, never recursion.</summary>
    private static int AppendEscaped(StringBuilder builder, ReadOnlySpan<char> text, int limit)
    {
        int shown = 0;
        int i = 0;
        while (i < text.Length && shown < limit)
        {
            if (Rune.DecodeFromUtf16(text[i..], out Rune rune, out int used) != System.Buffers.OperationStatus.Done)
            {
                shown += Append(builder, string.Create(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}"));
                i++;
                continue;
            }

            shown += Append(builder, Escape(rune));
            i += used;
        }

        return i;
    }

    private static int Append(StringBuilder builder, string piece)
    {
        builder.Append(piece);
        return piece.Length;
    }

    private static string Escape(Rune rune) => rune.Value switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\\' => "\\\\",
        '\'' => "\\'",
        _ when IsUnsafe(rune) => rune.Value <= 0xFFFF
            ? string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}")
            : string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}"),
        _ => rune.ToString(),
    };

    private static bool NeedsEscape(char c) => char.IsSurrogate(c) || IsUnsafe(new Rune(c));

    /// <summary>Control characters (C0, DEL, C1), format characters (bidi overrides, zero-width), line and paragraph
    /// separators and private-use characters: anything that could move the cursor, reorder or hide text.</summary>
    private static bool IsUnsafe(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
}
