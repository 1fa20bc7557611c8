namespace Loyalty.Core;

/// <summary>The unit in which recency, age and horizons are expressed.</summary>
/// <remarks>Purchases are always merged per calendar day; the unit only scales durations:
/// a week is 7 days and a month is 30.436875 days (365.2425 / 12, the mean Gregorian month, as numpy's
/// <c>timedelta64(1, 'M')</c> that lifetimes uses).
/// Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum TimeUnit
{
    /// <summary>Days.</summary>
    Day = 0,
    /// <summary>Weeks of 7 days.</summary>
    Week = 1,
    /// <summary>Mean Gregorian months of 30.436875 days.</summary>
    Month = 2,
}

/// <summary>Conversions for <see cref="TimeUnit"/>.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class TimeUnitExtensions
{
    /// <summary>Days in one unit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined unit.</exception>
    public static double Days(this TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1.0,
        TimeUnit.Week => 7.0,
        TimeUnit.Month => 365.2425 / 12.0,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit; expected day, week or month."),
    };

    /// <summary>Parses "day", "week" or "month" (also plural and the first letter), case-insensitively.</summary>
    /// <exception cref="ArgumentException">The text names no unit.</exception>
    public static TimeUnit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToUpperInvariant() switch
        {
            "D" or "DAY" or "DAYS" => TimeUnit.Day,
            "W" or "WEEK" or "WEEKS" => TimeUnit.Week,
            "M" or "MONTH" or "MONTHS" => TimeUnit.Month,
            _ => throw new ArgumentException($"Unknown time unit '{text}'; expected day, week or month.", nameof(text)),
        };
    }
}
