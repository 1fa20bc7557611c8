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
internal sealed record RatingsFile(string Path, List<Interaction> Interactions, List<long>? Timestamps, List<int> Lines)
{
    /// <summary>Checks every rating against the scale (or positivity for implicit data) and rejects repeated
    /// (user, item) pairs, naming the file, line and column — before any split, so no fold hides a bad row.</summary>
    internal void Validate(float min, float max, bool implicitStrengths)
    {
        var first = new Dictionary<(string, string), int>();
        for (int row = 0; row < Interactions.Count; row++)
        {
            var x = Interactions[row];
            if (implicitStrengths ? !(x.Value > 0f) : x.Value < min || x.Value > max)
            {
                string rule = implicitStrengths ? "implicit strengths must be > 0" : string.Create(CultureInfo.InvariantCulture, $"outside the rating scale [{min}, {max}] (see --rating-scale)");
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{Path}:{Lines[row]}: column 'rating': {x.Value} is {rule}"));
            }

            if (!first.TryAdd((x.User, x.Item), Lines[row]))
            {
                throw new UserInputException($"{Path}:{Lines[row]}: duplicate (user '{x.User}', item '{x.Item}') pair, first on line {first[(x.User, x.Item)]}; each pair may be rated once");
            }
        }
    }

    /// <summary>Reads <paramref name="path"/>; every problem names the file, line and column.</summary>
    internal static RatingsFile Read(string path, RatingsFormat format, RatingsColumns columns)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: file not found");
        }

        var result = format == RatingsFormat.MovieLens ? ReadMovieLens(path) : ReadCsv(path, columns);
        if (result.Interactions.Count == 0)
        {
            throw new UserInputException($"{path}: no ratings");
        }

        return result;
    }

    /// <summary>The format named by <paramref name="name"/>, or guessed from the extension (.csv is CSV).</summary>
    internal static RatingsFormat ParseFormat(string? name, string path) => name switch
    {
        null => System.IO.Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? RatingsFormat.Csv : RatingsFormat.MovieLens,
        "movielens" => RatingsFormat.MovieLens,
        "csv" => RatingsFormat.Csv,
        _ => throw new UserInputException($"option --format: '{name}' is not one of csv, movielens"),
    };

    private static RatingsFile ReadMovieLens(string path)
    {
        var interactions = new List<Interaction>();
        var timestamps = new List<long>();
        bool everyTimestamp = true;
        var lines = new List<int>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            string[] parts = text.Split('\t');
            if (parts.Length < 3)
            {
                throw new FormatException($"{path}:{line}: expected tab-separated 'user item rating timestamp', found {parts.Length} field(s)");
            }

            interactions.Add(new Interaction(Key(path, line, "user", parts[0]), Key(path, line, "item", parts[1]), Number(path, line, "rating", parts[2])));
            everyTimestamp &= parts.Length > 3;
            timestamps.Add(parts.Length > 3 ? Timestamp(path, line, parts[3]) : 0);
            lines.Add(line);
        }

        // A missing timestamp must not read as time 0 (it would decide leave-last-out splits).
        return new RatingsFile(path, interactions, everyTimestamp ? timestamps : null, lines);
    }

    private static RatingsFile ReadCsv(string path, RatingsColumns columns)
    {
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new UserInputException($"{path}: empty file (a header is needed)");
        string[] names = [.. Split(header).Select(n => n.Trim())];
        int Find(string name, string option, bool required)
        {
            int at = Array.FindIndex(names, n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (at < 0 && required)
            {
                throw new UserInputException($"{path}: no column '{name}' in the header (choose another with {option})");
            }

            return at;
        }

        int user = Find(columns.User, "--user-column", true);
        int item = Find(columns.Item, "--item-column", true);
        int rating = Find(columns.Rating, "--rating-column", true);
        int time = Find(columns.Timestamp, "--timestamp-column", false);
        var interactions = new List<Interaction>();
        var timestamps = time >= 0 ? new List<long>() : null;
        var lines = new List<int>();
        int line = 1;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            string[] fields = Split(text);
            if (fields.Length != names.Length)
            {
                throw new FormatException($"{path}:{line}: {fields.Length} field(s), the header has {names.Length}");
            }

            interactions.Add(new Interaction(Key(path, line, columns.User, fields[user]), Key(path, line, columns.Item, fields[item]), Number(path, line, columns.Rating, fields[rating])));
            timestamps?.Add(Timestamp(path, line, fields[time]));
            lines.Add(line);
        }

        return new RatingsFile(path, interactions, timestamps, lines);
    }

    /// <summary>Splits a CSV line on commas, honouring double quotes (no embedded newlines).</summary>
    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }

    private static string Key(string path, int line, string column, string value)
    {
        string key = value.Trim();
        return key.Length > 0 ? key : throw new FormatException($"{path}:{line}: column '{column}' is empty");
    }

    private static float Number(string path, int line, string column, string value) =>
        float.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v)
            ? v
            : throw new FormatException($"{path}:{line}: column '{column}': '{value}' is not a finite number");

    private static long Timestamp(string path, int line, string value) =>
        long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new FormatException($"{path}:{line}: timestamp '{value}' is not an integer");
}
