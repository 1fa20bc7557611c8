using System.Globalization;

namespace Loyalty.Core.Lifetime;

/// <summary>Argument checks shared by the models; each names the parameter and the offending value.</summary>
internal static class Guard
{
    internal static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} ({value}) must be a finite number ≥ 0."));
        }
    }

    internal static void NonNegative(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} ({value}) must be ≥ 0.");
        }
    }

    /// <summary>Checks model parameters; all problems in one exception.</summary>
    internal static void Positive(params (string Name, double Value)[] parameters)
    {
        var bad = parameters.Where(p => !(p.Value > 0) || double.IsInfinity(p.Value))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} ({p.Value}) must be a finite number > 0"))
            .ToList();
        if (bad.Count > 0)
        {
            throw new ArgumentException("Invalid model parameters: " + string.Join("; ", bad) + ".", bad.Count == 1 ? parameters.First(p => !(p.Value > 0) || double.IsInfinity(p.Value)).Name : "parameters");
        }
    }
}
