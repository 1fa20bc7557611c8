using System.Globalization;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core;

namespace Loyalty.Cli.Input;

/// <summary>The two ratings layouts the CLI reads.</summary>
internal enum RatingsFormat
{
    /// <summary>MovieLens: tab-separated <c>user item rating timestamp</c>, no header.</summary>
    MovieLens,

    /// <summary>CSV with a header naming the user, item, rating and optional timestamp columns.</summary>
    Csv,
}

/// <summary>Column names for CSV ratings.</summary>
internal sealed record RatingsColumns(string User = "user", string Item = "item", string Rating = "rating", string Timestamp = "timestamp");

/// <summary>Ratings read from a file, with timestamps when every rating has one (null otherwise).</summary>
/// <remarks>Reading is strict: UTF-8 validated (ids are never merged through a replacement character), ids free of
/// control characters, every CSV row with the header's field count, header names unique, ratings finite. Errors are
/// <see cref="InputFormatException"/> naming the file, line and column. Thread safety: not thread-safe.</remarks>
internal sealed record RatingsFile(string Path, List<Interaction> Interactions, List<long>? Timestamps, List<long> Lines)
{
    /// <summary>Checks every rating against the scale (or positivity for implicit data) and rejects repeated
    /// (user, item) pairs, naming the file, line and column — before any split, so no fold hides a bad row.</summary>
    internal void Validate(float min, float max, bool implicitStrengths)
    {
        var first = new Dictionary<(string, string), long>();
        for (int row = 0; row < Interactions.Count; row++)
        {
            var x = Interactions[row];
            if (implicitStrengths ? !(x.Value > 0f) : x.Value < min || x.Value > max)
            {
                string rule = implicitStrengths ? "implicit strengths must be > 0" : string.Create(CultureInfo.InvariantCulture, $"outside the rating scale [{min}, {max}] (see --rating-scale)");
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{InputExcerpt.Name(Path)}:{Lines[row]}: column 'rating': {x.Value} is {rule}"));
            }

            if (!first.TryAdd((x.User, x.Item), Lines[row]))
            {
                throw new UserInputException($"{InputExcerpt.Name(Path)}:{Lines[row]}: duplicate (user {InputExcerpt.Quote(x.User)}, item {InputExcerpt.Quote(x.Item)}) pair, first on line {first[(x.User, x.Item)]}; each pair may be rated once");
            }
        }
    }

    /// <summary>Reads <paramref name="path"/>; every problem names the file, line and column.</summary>
    /// <exception cref="UserInputException">The file does not exist.</exception>
    /// <exception cref="InputFormatException">The content is malformed or holds no rating.</exception>
    internal static RatingsFile Read(string path, RatingsFormat format, RatingsColumns columns)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{InputExcerpt.Name(path)}: file not found");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path, format, columns);
    }

    /// <summary>Reads ratings from <paramref name="stream"/>, naming it <paramref name="file"/> in errors.</summary>
    /// <exception cref="InputFormatException">The content is malformed or holds no rating.</exception>
    internal static RatingsFile Read(Stream stream, string file, RatingsFormat format, RatingsColumns columns)
    {
        using var reader = new Utf8LineReader(stream, file);
        var result = format == RatingsFormat.MovieLens ? ReadMovieLens(reader, file) : ReadCsv(reader, file, columns);
        if (result.Interactions.Count == 0)
        {
            throw InputFormatException.AtLine(file, reader.LineNumber + 1, "no ratings");
        }

        return result;
    }

    /// <summary>The format named by <paramref name="name"/>, or guessed from the extension (.csv is CSV).</summary>
    internal static RatingsFormat ParseFormat(string? name, string path) => name switch
    {
        null => System.IO.Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? RatingsFormat.Csv : RatingsFormat.MovieLens,
        "movielens" => RatingsFormat.MovieLens,
        "csv" => RatingsFormat.Csv,
        _ => throw new UserInputException($"option --format: {InputExcerpt.Quote(name)} is not one of csv, movielens"),
    };

    private static readonly string[] MovieLensNames = ["user", "item", "rating", "timestamp"];

    private static RatingsFile ReadMovieLens(Utf8LineReader reader, string path)
    {
        var interactions = new List<Interaction>();
        var timestamps = new List<long>();
        bool everyTimestamp = true;
        var lines = new List<long>();
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            long line = reader.LineNumber;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            string[] parts = text.Split('\t');
            if (parts.Length is < 3 or > 4)
            {
                throw InputFormatException.AtLine(path, line, $"expected tab-separated 'user item rating [timestamp]', found {parts.Length} field(s): {InputExcerpt.Quote(text)}");
            }

            interactions.Add(new Interaction(Key(path, line, MovieLensNames[0], parts[0]), Key(path, line, MovieLensNames[1], parts[1]), Number(path, line, MovieLensNames[2], parts[2])));
            everyTimestamp &= parts.Length > 3;
            timestamps.Add(parts.Length > 3 ? Timestamp(path, line, MovieLensNames[3], parts[3]) : 0);
            lines.Add(line);
        }

        // A missing timestamp must not read as time 0 (it would decide leave-last-out splits).
        return new RatingsFile(path, interactions, everyTimestamp ? timestamps : null, lines);
    }

    private static RatingsFile ReadCsv(Utf8LineReader reader, string path, RatingsColumns columns)
    {
        string? header = reader.ReadLine();
        while (header is not null && string.IsNullOrWhiteSpace(header))
        {
            header = reader.ReadLine();
        }

        if (header is null)
        {
            throw InputFormatException.AtLine(path, Math.Max(1, reader.LineNumber), "empty file (a header is needed)");
        }

        long headerLine = reader.LineNumber;
        string[] names = CsvLine.Split(header, path, headerLine);
        CsvHeader.EnsureUnique(names, path, headerLine);
        int Find(string name, string option, bool required)
        {
            int at = Array.FindIndex(names, n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (at < 0 && required)
            {
                throw InputFormatException.AtLine(path, headerLine, $"no column {InputExcerpt.Quote(name)} in the header (choose another with {option})");
            }

            return at;
        }

        int user = Find(columns.User, "--user-column", true);
        int item = Find(columns.Item, "--item-column", true);
        int rating = Find(columns.Rating, "--rating-column", true);
        int time = Find(columns.Timestamp, "--timestamp-column", false);
        if (user == item || user == rating || item == rating || (time >= 0 && (time == user || time == item || time == rating)))
        {
            throw new UserInputException("options --user-column, --item-column, --rating-column, --timestamp-column: each must name a different column");
        }

        var interactions = new List<Interaction>();
        var timestamps = time >= 0 ? new List<long>() : null;
        var lines = new List<long>();
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            long line = reader.LineNumber;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            string[] fields = CsvLine.Split(text, path, line);
            if (fields.Length != names.Length)
            {
                throw InputFormatException.AtLine(path, line, $"{fields.Length} field(s), but the header has {names.Length} (a thousands separator or decimal comma splits a number; quote such fields or fix them)");
            }

            interactions.Add(new Interaction(Key(path, line, names[user], fields[user]), Key(path, line, names[item], fields[item]), Number(path, line, names[rating], fields[rating])));
            timestamps?.Add(Timestamp(path, line, names[time], fields[time]));
            lines.Add(line);
        }

        return new RatingsFile(path, interactions, timestamps, lines);
    }

    private static string Key(string path, long line, string column, string value)
    {
        string key = value.Trim();
        return key.Length == 0
            ? throw InputFormatException.AtField(path, line, InputExcerpt.Quote(column), "empty id")
            : CsvHeader.HasControl(key)
                ? throw InputFormatException.AtField(path, line, InputExcerpt.Quote(column), $"the id {InputExcerpt.Quote(key)} has a control character")
                : key;
    }

    private static float Number(string path, long line, string column, string value) =>
        float.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v)
            ? v
            : throw InputFormatException.AtField(path, line, InputExcerpt.Quote(column), $"{InputExcerpt.Quote(value)} is not a finite number");

    private static long Timestamp(string path, long line, string column, string value) =>
        long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw InputFormatException.AtField(path, line, InputExcerpt.Quote(column), $"timestamp {InputExcerpt.Quote(value)} is not an integer");
}
