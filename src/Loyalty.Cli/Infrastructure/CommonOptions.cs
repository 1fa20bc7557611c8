using System.CommandLine;
using System.Globalization;

namespace Loyalty.Cli.Infrastructure;

/// <summary>Options and parsing helpers shared by several commands, so every command spells them the same way.</summary>
internal static class CommonOptions
{
    internal static Option<bool> Json() => new("--json") { Description = "Print exactly one JSON object on stdout." };

    internal static Option<int?> Seed() => new("--seed") { Description = "Seed for every random choice." };

    /// <summary>Parses an ISO 8601 date (yyyy-MM-dd) given to <paramref name="option"/>.</summary>
    internal static DateTime? ParseDate(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new UserInputException($"{option}: '{text}' is not a date in the form YYYY-MM-DD.");
    }

    /// <summary>Parses one of <paramref name="allowed"/>, case-insensitively.</summary>
    internal static string Choice(string text, string option, params string[] allowed)
    {
        string value = text.Trim().ToLowerInvariant();
        return allowed.Contains(value)
            ? value
            : throw new UserInputException($"{option}: '{text}' is not one of {string.Join(", ", allowed)}.");
    }

    /// <summary>Writes a number so it reads back exactly, whatever the culture.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
