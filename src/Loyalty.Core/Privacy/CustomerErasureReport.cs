namespace Loyalty.Core.Privacy;

/// <summary>What <see cref="CustomerErasure.EraseAsync"/> removed, everywhere.</summary>
/// <param name="StoredId">The customer's id as the store keeps it (the pseudonym when the store pseudonymises; the
/// id itself without a store).</param>
/// <param name="Store">The store's report, or null when the coordinator has no store.</param>
/// <param name="RecordsByParticipant">Records removed per participant name (0 when it held nothing).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record CustomerErasureReport(
    CustomerId StoredId,
    ErasureReport? Store,
    IReadOnlyDictionary<string, long> RecordsByParticipant)
{
    /// <summary>Rows and records removed over the store and every participant.</summary>
    public long TotalRemoved => (Store?.TotalRows ?? 0) + RecordsByParticipant.Values.Sum();
}
