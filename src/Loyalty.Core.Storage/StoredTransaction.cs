namespace Loyalty.Core.Storage;

/// <summary>A transaction in the form the stores keep it, as the engine hands it to
/// <see cref="IStoreDialect.InsertTransactionsAsync"/>: natural key, stored customer id, time, and the amount in
/// ten-thousandths (exact integer sums in SQL). Immutable by contract: a dialect reads it and never changes
/// <see cref="Key"/>'s bytes.</summary>
/// <param name="Key">The natural key, 16 bytes (day first, so time-ordered logs append to the key index); equal
/// keys are the same transaction and are stored once.</param>
/// <param name="CustomerKey">The stored customer id (a pseudonym when the store pseudonymises).</param>
/// <param name="Ticks">The purchase time, <see cref="DateTime.Ticks"/>.</param>
/// <param name="AmountE4">The amount times <see cref="StoreMoney.Scale"/>; negative for returns.</param>
/// <param name="OrderId">The order id, or null.</param>
/// <param name="ItemIds">The items bought in order, or null.</param>
/// <remarks>Thread safety: immutable (the key bytes by contract); safe to share between threads.</remarks>
public readonly record struct StoredTransaction(
    byte[] Key,
    string CustomerKey,
    long Ticks,
    long AmountE4,
    string? OrderId,
    IReadOnlyList<string>? ItemIds)
{
    /// <summary>Calendar day number (days since 0001-01-01, as <see cref="DateOnly.DayNumber"/>), the grouping unit
    /// of RFM summaries.</summary>
    public int Day => (int)(Ticks / TimeSpan.TicksPerDay);
}
