using System.Globalization;

namespace Loyalty.Core.Recommendation;

/// <summary>Shared helpers for validating option records: collect every problem, then throw once.</summary>
internal static class OptionChecks
{
    internal static void ThrowIfAny(List<string> problems, string paramName)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid options: {string.Join("; ", problems)}.", paramName);
        }
    }

    internal static void Positive(List<string> problems, string name, float value)
    {
        if (!(float.IsFinite(value) && value > 0f))
        {
            problems.Add($"{name} must be a finite number > 0 (was {Format(value)})");
        }
    }

    internal static void NonNegative(List<string> problems, string name, float value)
    {
        if (!(float.IsFinite(value) && value >= 0f))
        {
            problems.Add($"{name} must be a finite number >= 0 (was {Format(value)})");
        }
    }

    internal static void AtLeast(List<string> problems, string name, int value, int min)
    {
        if (value < min)
        {
            problems.Add($"{name} must be >= {min} (was {value})");
        }
    }

    internal static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);
}
