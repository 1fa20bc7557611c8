using System.Text.RegularExpressions;

namespace Loyalty.Samples.WebApi.Endpoints;

/// <summary>What an id and an amount may look like. Each check adds a message under the field's name, so one
/// response lists every problem (<c>TypedResults.ValidationProblem(errors)</c>).</summary>
internal static partial class InputRules
{
    public const int MaxIdLength = 64;
    public const int MaxOfferIdLength = 128;

    /// <summary>Currency amounts carry at most this many decimals (cents).</summary>
    public const int MaxAmountDecimals = 2;

    // Letters, digits and . _ : - only: no spaces, slashes, control characters or look-alike Unicode in an id that
    // ends up in logs, stores and offer ids.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? value, int maxLength = MaxIdLength) =>
        value is not null && value.Length <= maxLength && IdPattern().IsMatch(value);

    public static void Id(Dictionary<string, string[]> errors, string field, string? value, int maxLength = MaxIdLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = [$"{field} is required."];
        }
        else if (!IsValidId(value, maxLength))
        {
            errors[field] = [$"{field} must be 1 to {maxLength} letters, digits or . _ : - (starting with a letter or digit)."];
        }
    }

    public static void Amount(Dictionary<string, string[]> errors, string field, decimal? value, decimal max, bool allowZero = false)
    {
        if (value is not { } amount)
        {
            errors[field] = [$"{field} is required."];
        }
        else if (amount < 0 || (amount == 0 && !allowZero) || amount > max)
        {
            errors[field] = [$"{field} must be {(allowZero ? "at least 0" : "more than 0")} and at most {max}."];
        }
        else if (amount.Scale > MaxAmountDecimals && decimal.Round(amount, MaxAmountDecimals) != amount)
        {
            errors[field] = [$"{field} has more than {MaxAmountDecimals} decimals."];
        }
    }

    public static void Points(Dictionary<string, string[]> errors, string field, long? value, long max)
    {
        if (value is not { } points)
        {
            errors[field] = [$"{field} is required."];
        }
        else if (points <= 0 || points > max)
        {
            errors[field] = [$"{field} must be a whole number from 1 to {max}."];
        }
    }
}
