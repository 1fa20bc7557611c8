namespace Loyalty.Core;

/// <summary>One purchase (or, with a negative amount, one return) in a transaction log.</summary>
/// <param name="CustomerId">Who bought.</param>
/// <param name="Timestamp">When, in the business's own calendar (the <see cref="DateTime.Kind"/> is ignored; the
/// calendar day of this value is what RFM summaries merge on).</param>
/// <param name="Amount">The money amount in the shop's currency. <see cref="decimal"/> keeps cents exact for the
/// points ledger and reports; the statistical engines convert to <see cref="double"/>. Currency is not modelled:
/// one log holds one currency.</param>
/// <param name="OrderId">The order's id when the source has one; used to detect duplicates.</param>
/// <param name="ItemIds">Items in the order, when known (for recommendation); empty when null is given.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct Transaction(
    CustomerId CustomerId,
    DateTime Timestamp,
    decimal Amount,
    string? OrderId = null,
    IReadOnlyList<string>? ItemIds = null)
{
    /// <summary>True when the amount is negative: a return or refund.</summary>
    public bool IsReturn => Amount < 0m;
}
