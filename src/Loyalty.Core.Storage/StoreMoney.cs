namespace Loyalty.Core.Storage;

/// <summary>Money in the stores: fixed point with four decimals, enough for every ISO 4217 currency (at most three)
/// and for unit prices quoted to a tenth of a cent. A dialect's columns named <c>*_amount_e4</c> hold amounts times
/// <see cref="Scale"/> as 64-bit integers, so sums in SQL are exact.</summary>
/// <remarks>Thread safety: constants only; safe from any thread.</remarks>
public static class StoreMoney
{
    /// <summary>Stored amount units per unit of money: 10,000.</summary>
    public const long Scale = 10_000;

    internal static long ToE4(decimal amount, string what)
    {
        decimal scaled = amount * Scale;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            throw new ArgumentException($"{what}: the amount {amount} has more than four decimals or is out of range; the stores keep money to 0.0001.", nameof(amount));
        }

        return (long)scaled;
    }

    internal static decimal FromE4(long amount) => amount / (decimal)Scale;
}
