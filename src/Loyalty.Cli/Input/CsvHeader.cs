namespace Loyalty.Cli.Input;

/// <summary>Rules every CSV header of the CLI's inputs follows: a name appears once (compared without case, as
/// columns are looked up), so a repeated column can never silently lose to the first.</summary>
internal static class CsvHeader
{
    /// <summary>Checks that no non-empty name repeats.</summary>
    /// <exception cref="InputFormatException">A name repeats; the message names both columns.</exception>
    internal static void EnsureUnique(string[] names, string file, long line)
    {
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i].Length > 0 && !first.TryAdd(names[i], i))
            {
                throw InputFormatException.AtField(file, line, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"the header repeats column {first[names[i]] + 1}'s name {InputExcerpt.Quote(names[i])}; every column name must be unique");
            }
        }
    }

    /// <summary>Whether <paramref name="field"/> holds a control character (C0, DEL or C1): never valid in an id or a name.</summary>
    internal static bool HasControl(string field) => field.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') >= 0
        || field.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0;
}
