using System.Globalization;
using System.Text;

namespace Loyalty.Core.Reporting;

/// <summary>Text and numbers as they go into the report's HTML and SVG: escaped, and formatted the same on every
/// machine whatever its culture (a comma decimal separator would break SVG coordinates).</summary>
internal static class Markup
{
    /// <summary>Escapes the five characters that matter in HTML text and attribute values.</summary>
    internal static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>A coordinate or length: invariant, at most two decimals (a hundredth of a pixel is invisible and
    /// keeps large scatter plots small).</summary>
    internal static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A data value for a data-* attribute: invariant and round-trippable, so tests can read it back.</summary>
    internal static string Data(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A value for people: invariant, thousands separated, with <paramref name="decimals"/> decimals.</summary>
    internal static string Label(double value, int decimals)
    {
        decimals = Math.Clamp(decimals, 0, 10);
        string format = decimals == 0 ? "#,0" : "#,0." + new string('0', decimals);
        // Negative zero would print as "-0".
        return (value == 0 ? 0 : value).ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A value for people with as many decimals as its size calls for (three significant digits below 100).</summary>
    internal static string Label(double value)
    {
        double magnitude = Math.Abs(value);
        int decimals = magnitude >= 100 || magnitude == 0 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
        return Label(value, decimals);
    }
}
