using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Loyalty.Core.Collection;

/// <summary>Culture-invariant parsing of the fields of a transaction row, straight from UTF-8 bytes.</summary>
internal sealed class FieldParsers
{
    private readonly string[]? _dateFormats;

    internal FieldParsers(IReadOnlyList<string>? dateFormats)
    {
        _dateFormats = dateFormats is { Count: > 0 } ? dateFormats.ToArray() : null;
        ExpectedDateFormat = _dateFormats is null ? "yyyy-MM-dd[THH:mm[:ss]] or yyyyMMdd" : string.Join(" or ", _dateFormats);
    }

    /// <summary>What the date parser accepts, for error messages.</summary>
    internal string ExpectedDateFormat { get; }

    internal bool TryParseDate(ReadOnlySpan<byte> text, out long ticks)
    {
        text = text.Trim(" \t"u8);
        if (_dateFormats is null)
        {
            return TryParseIso(text, out ticks);
        }

        Span<char> chars = stackalloc char[64];
        if (text.Length > chars.Length || !Encoding.UTF8.TryGetChars(text, chars, out int written))
        {
            ticks = 0;
            return false;
        }

        bool ok = DateTime.TryParseExact(chars[..written], _dateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces, out DateTime value);
        ticks = ok ? value.Ticks : 0;
        return ok;
    }

    /// <summary>
    /// Parses an amount written <c>[+|-]digits[.digits][(e|E)[+|-]digits]</c> (a leading or trailing point is allowed,
    /// as in <c>.5</c>): one sign at most, no thousands separators, no spaces inside, no currency symbols.
    /// </summary>
    /// <returns>False when the text does not follow that grammar or its value does not fit a decimal.</returns>
    internal static bool TryParseAmount(ReadOnlySpan<byte> text, out decimal amount)
    {
        amount = 0m;
        text = text.Trim(" \t"u8);
        return IsAmountSyntax(text) && Utf8Parser.TryParse(text, out amount, out int consumed) && consumed == text.Length;
    }

    private static bool IsAmountSyntax(ReadOnlySpan<byte> s)
    {
        int pos = 0;
        if (pos < s.Length && s[pos] is (byte)'+' or (byte)'-')
        {
            pos++;
        }

        int digits = CountDigits(s, ref pos);
        if (pos < s.Length && s[pos] == (byte)'.')
        {
            pos++;
            digits += CountDigits(s, ref pos);
        }

        if (digits == 0)
        {
            return false;
        }

        if (pos < s.Length && s[pos] is (byte)'e' or (byte)'E')
        {
            pos++;
            if (pos < s.Length && s[pos] is (byte)'+' or (byte)'-')
            {
                pos++;
            }

            if (CountDigits(s, ref pos) == 0)
            {
                return false;
            }
        }

        return pos == s.Length;
    }

    private static int CountDigits(ReadOnlySpan<byte> s, ref int pos)
    {
        int start = pos;
        while (pos < s.Length && char.IsAsciiDigit((char)s[pos]))
        {
            pos++;
        }

        return pos - start;
    }

    /// <summary>ISO 8601 date with an optional time; offsets are ignored (the local clock time is kept).</summary>
    internal static bool TryParseIso(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        int year, month, day;
        int rest;
        if (s.Length >= 10 && s[4] == (byte)'-' && s[7] == (byte)'-')
        {
            if (!Digits(s, 0, 4, out year) || !Digits(s, 5, 2, out month) || !Digits(s, 8, 2, out day))
            {
                return false;
            }

            rest = 10;
        }
        else if (s.Length == 8)
        {
            if (!Digits(s, 0, 4, out year) || !Digits(s, 4, 2, out month) || !Digits(s, 6, 2, out day))
            {
                return false;
            }

            rest = 8;
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        long timeTicks = 0;
        if (rest < s.Length)
        {
            if ((s[rest] != (byte)'T' && s[rest] != (byte)' ') || !TryParseTime(s[(rest + 1)..], out timeTicks))
            {
                return false;
            }
        }

        ticks = new DateTime(year, month, day).Ticks + timeTicks;
        return true;
    }

    private static bool TryParseTime(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s.Length < 5 || s[2] != (byte)':' || !Digits(s, 0, 2, out int hour) || !Digits(s, 3, 2, out int minute))
        {
            return false;
        }

        int second = 0;
        long fraction = 0;
        int pos = 5;
        if (pos < s.Length && s[pos] == (byte)':')
        {
            if (!Digits(s, pos + 1, 2, out second))
            {
                return false;
            }

            pos += 3;
            if (pos < s.Length && s[pos] is (byte)'.' or (byte)',')
            {
                pos++;
                long scale = TimeSpan.TicksPerSecond / 10;
                int start = pos;
                while (pos < s.Length && char.IsAsciiDigit((char)s[pos]))
                {
                    fraction += (s[pos] - '0') * scale;
                    scale /= 10;
                    pos++;
                }

                if (pos == start)
                {
                    return false;
                }
            }
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // An offset or Z may follow; it is accepted and ignored so the purchase keeps its local calendar day.
        if (pos < s.Length)
        {
            var zone = s[pos..];
            bool isZone = zone.SequenceEqual("Z"u8)
                || (zone.Length is 6 or 5 && zone[0] is (byte)'+' or (byte)'-' && Digits(zone, 1, 2, out _));
            if (!isZone)
            {
                return false;
            }
        }

        ticks = (((hour * 60L) + minute) * 60 + second) * TimeSpan.TicksPerSecond + fraction;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (int i = start; i < start + count; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
