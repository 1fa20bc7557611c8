namespace Loyalty.Core;

/// <summary>
/// Identifies a customer. A thin, immutable wrapper over the host's own identifier (or its pseudonym), so that a
/// customer id cannot be confused with an item id or an order id in an API.
/// </summary>
/// <remarks>Ids compare ordinally (case-sensitive). Hosts that must not expose raw ids pseudonymise them before they
/// reach the library (the store packages offer a keyed HMAC).
/// Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct CustomerId : IComparable<CustomerId>
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The identifier; not null, empty or white space.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public CustomerId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The identifier as the host gave it.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public int CompareTo(CustomerId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Ordinal less-than.</summary>
    public static bool operator <(CustomerId left, CustomerId right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal less-than-or-equal.</summary>
    public static bool operator <=(CustomerId left, CustomerId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal greater-than.</summary>
    public static bool operator >(CustomerId left, CustomerId right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal greater-than-or-equal.</summary>
    public static bool operator >=(CustomerId left, CustomerId right) => left.CompareTo(right) >= 0;

    /// <summary>Wraps a string as a customer id.</summary>
    public static implicit operator CustomerId(string value) => new(value);
}
