namespace Loyalty.Core.Lifetime;

/// <summary>
/// A validated customer base compressed to its distinct (x, t_x, T) patterns once, so that fitting and predicting
/// for millions of customers do not each pay for the compression. Immutable.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class CustomerBase
{
    private CustomerBase(CustomerPatterns patterns, int[] indexOf)
    {
        Patterns = patterns;
        IndexOf = indexOf;
    }

    /// <summary>Number of customers.</summary>
    public int Count => IndexOf.Length;

    /// <summary>Number of distinct patterns.</summary>
    public int PatternCount => Patterns.Count;

    internal CustomerPatterns Patterns { get; }

    /// <summary>Customer i's pattern.</summary>
    internal int[] IndexOf { get; }

    /// <summary>Validates and compresses the customers.</summary>
    /// <param name="customers">Calibration summaries.</param>
    /// <returns>The compressed base.</returns>
    /// <exception cref="ArgumentException">Empty or inconsistent data (named by row), or no repeat purchase.</exception>
    public static CustomerBase From(IReadOnlyList<CustomerSummary> customers)
    {
        CustomerPatterns.Validate(customers, nameof(customers));
        var (patterns, indexOf) = CustomerPatterns.Index(customers);
        return new CustomerBase(patterns, indexOf);
    }
}
