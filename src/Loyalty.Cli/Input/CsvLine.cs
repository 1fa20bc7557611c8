using System.Text;

namespace Loyalty.Cli.Input;

/// <summary>
/// Splits one CSV line on commas. A field is either unquoted (surrounding white space trimmed, no double quote
/// inside) or wholly in double quotes (<c>""</c> for a quote, commas allowed, white space kept; only white space may
/// follow the closing quote). Fields cannot span lines. Anything else is an error naming the field: a stray quote is
/// a mistake in the file, not something to guess around.
/// </summary>
internal static class CsvLine
{
    /// <summary>The fields of <paramref name="text"/>, line <paramref name="line"/> of <paramref name="file"/>.</summary>
    /// <exception cref="InputFormatException">A quote is unterminated, stray, or followed by text.</exception>
    internal static string[] Split(string text, string file, long line)
    {
        var fields = new List<string>();
        var quoted = new StringBuilder();
        int i = 0;
        while (true)
        {
            int start = i;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < text.Length && text[i] == '"')
            {
                quoted.Clear();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw InputFormatException.AtField(file, line, Number(fields.Count), $"the quote opened at character {start + 1} is not closed (fields cannot span lines): {InputExcerpt.Quote(text.AsSpan(start))}");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            quoted.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    quoted.Append(text[i]);
                    i++;
                }

                while (i < text.Length && text[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < text.Length && text[i] != ',')
                {
                    throw InputFormatException.AtField(file, line, Number(fields.Count), $"text after the closing quote: {InputExcerpt.Quote(text.AsSpan(start))}");
                }

                fields.Add(quoted.ToString());
            }
            else
            {
                int comma = text.IndexOf(',', i);
                int end = comma < 0 ? text.Length : comma;
                ReadOnlySpan<char> field = text.AsSpan(i, end - i);
                if (field.Contains('"'))
                {
                    throw InputFormatException.AtField(file, line, Number(fields.Count), $"a double quote inside an unquoted field: {InputExcerpt.Quote(field)} (quote the whole field and double the inner quote)");
                }

                fields.Add(field.Trim().ToString());
                i = end;
            }

            if (i >= text.Length)
            {
                return [.. fields];
            }

            i++; // the comma
        }
    }

    private static string Number(int index) => (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
