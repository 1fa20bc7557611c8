namespace Loyalty.Core.Reporting;

/// <summary>Argument checks shared by the charts: every message names the parameter and, for values, the index.</summary>
internal static class ChartData
{
    internal static void RequireFinite(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {values[i]}; chart values must be finite numbers.", name);
            }
        }
    }

    internal static void RequireSameLength<T>(IReadOnlyList<T> values, int expected, string name, string other)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count != expected)
        {
            throw new ArgumentException($"{name} has {values.Count} values but {other} has {expected}; they must match.", name);
        }
    }

    internal static void RequireNames(IReadOnlyList<string> names, string name)
    {
        ArgumentNullException.ThrowIfNull(names, name);
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] is null)
            {
                throw new ArgumentException($"{name}[{i}] is null; use an empty string for no name.", name);
            }
        }
    }

    /// <summary>Smallest and largest of several lists; (0, 1) when all are empty.</summary>
    internal static (double Min, double Max) Extent(IEnumerable<IReadOnlyList<double>> lists)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var list in lists)
        {
            foreach (double v in list)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return min <= max ? (min, max) : (0, 1);
    }

    /// <summary>Distinct names in first-seen order.</summary>
    internal static IReadOnlyList<string> Distinct(IReadOnlyList<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var n in names)
        {
            if (seen.Add(n))
            {
                order.Add(n);
            }
        }

        return order;
    }
}
