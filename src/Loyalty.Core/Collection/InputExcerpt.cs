using System.Buffers;
using System.Globalization;
using System.Text;

namespace Loyalty.Core.Collection;

/// <summary>
/// A short, printable rendering of bytes or text taken from an input file, for error messages: never longer than a
/// bound, and nothing in it can act on a terminal. Invalid UTF-8 bytes, control characters (C0, DEL, C1), bidi
/// overrides and line separators are shown escaped (<c>\x1B</c>, <c>\u202E</c>); a backslash is doubled so the
/// escapes are unambiguous.
/// </summary>
internal static class InputExcerpt
{
    /// <summary>The default bound, in characters, of an excerpt (the ellipsis and byte count come on top).</summary>
    internal const int DefaultLength = 80;

    /// <summary>Renders <paramref name="utf8"/>, cut to about <paramref name="maxLength"/> characters.</summary>
    internal static string Of(ReadOnlySpan<byte> utf8, int maxLength = DefaultLength)
    {
        var text = new StringBuilder(Math.Min(maxLength, utf8.Length) + 16);
        int pos = 0;
        while (pos < utf8.Length && text.Length < maxLength)
        {
            var status = Rune.DecodeFromUtf8(utf8[pos..], out Rune rune, out int consumed);
            if (status != OperationStatus.Done)
            {
                for (int i = 0; i < consumed; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\\x{utf8[pos + i]:X2}");
                }
            }
            else
            {
                Append(text, rune);
            }

            pos += consumed;
        }

        if (pos < utf8.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"… ({utf8.Length} bytes)");
        }

        return text.ToString();
    }

    /// <summary>Renders <paramref name="value"/>, cut to about <paramref name="maxLength"/> characters.</summary>
    internal static string Of(string value, int maxLength = DefaultLength)
    {
        var text = new StringBuilder(Math.Min(maxLength, value.Length) + 16);
        int pos = 0;
        while (pos < value.Length && text.Length < maxLength)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(pos), out Rune rune, out int consumed) != OperationStatus.Done)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)value[pos]:X4}"); // a lone surrogate
            }
            else
            {
                Append(text, rune);
            }

            pos += consumed;
        }

        if (pos < value.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters)");
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, Rune rune)
    {
        int c = rune.Value;
        if (c == '\\')
        {
            text.Append(@"\\");
        }
        else if (c < 0x20 || c is >= 0x7F and <= 0x9F)
        {
            text.Append(CultureInfo.InvariantCulture, $"\\x{c:X2}");
        }
        else if (IsInvisibleOrReordering(c))
        {
            text.Append(CultureInfo.InvariantCulture, $"\\u{c:X4}");
        }
        else
        {
            text.Append(rune.ToString());
        }
    }

    /// <summary>Characters that reorder or hide the text around them (bidi controls, line and paragraph separators,
    /// zero-width and byte-order marks): an error message must show what the file holds, not what they make it look like.</summary>
    private static bool IsInvisibleOrReordering(int c) =>
        c is (>= 0x200B and <= 0x200F) or (>= 0x2028 and <= 0x202E) or (>= 0x2060 and <= 0x2069) or 0xFEFF or 0x061C;
}
