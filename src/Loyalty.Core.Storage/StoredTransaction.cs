namespace Loyalty.Core.Storage;

/// <summary>A transaction in the form the stores keep it: stored customer id, natural key, day number, and the
/// amount in ten-thousandths (exact integer sums in SQL).</summary>
internal readonly record struct StoredTransaction(
    byte[] Key,
    string CustomerKey,
    long Ticks,
    long AmountE4,
    string? OrderId,
    IReadOnlyList<string>? ItemIds)
{
    /// <summary>Calendar day number (days since 0001-01-01), the grouping unit of RFM summaries.</summary>
    public int Day => (int)(Ticks / TimeSpan.TicksPerDay);
}

/// <summary>Money in the stores: fixed point with four decimals, enough for every ISO 4217 currency (at most three)
/// and for unit prices quoted to a tenth of a cent.</summary>
internal static class StoreMoney
{
    internal const long Scale = 10_000;

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
