using System.Globalization;
using System.Text;

namespace Loyalty.Core.Persistence;

/// <summary>Text from a model file shown in an error message: quoted, at most <see cref="MaxExcerpt"/> characters,
/// control and format characters escaped, so a crafted file can neither flood a terminal nor drive it with escape
/// sequences.</summary>
internal static class ModelFileText
{
    /// <summary>Characters of file text an error message shows.</summary>
    internal const int MaxExcerpt = 80;

    /// <summary>'text' escaped and cut to <see cref="MaxExcerpt"/> characters (with the full length when cut).</summary>
    internal static string Excerpt(string text)
    {
        var builder = new StringBuilder("'");
        int shown = Math.Min(text.Length, MaxExcerpt);
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            if (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append('\'');
        if (text.Length > MaxExcerpt)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length:N0} characters)");
        }

        return builder.ToString();
    }

    /// <summary>A message of ours that quotes another exception's message (which may span lines) on one line.</summary>
    internal static string OneLine(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (string line in message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            builder.Append(builder.Length == 0 ? string.Empty : "; ").Append(line.TrimStart('-', ' ').TrimEnd('.'));
        }

        return builder.ToString();
    }
}
