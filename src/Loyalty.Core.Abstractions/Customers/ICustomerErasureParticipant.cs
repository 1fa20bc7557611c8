namespace Loyalty.Core;

/// <summary>Something outside the store that holds data about customers — an in-memory feedback log or points
/// ledger, a fitted model, a report cache the host keeps — and must forget a customer when the customer's data is
/// erased. The host registers each participant with the erasure coordinator, which calls them after the store's own
/// erasure has committed.</summary>
/// <remarks>Implementations must be idempotent: erasing a customer they do not know, or twice, removes nothing and
/// succeeds. Thread safety: implementations state their own guarantees.</remarks>
public interface ICustomerErasureParticipant
{
    /// <summary>A short name for the erasure report (for example "feedback-log" or "points-ledger").</summary>
    string Name { get; }

    /// <summary>Forgets everything held about the subject.</summary>
    /// <returns>How many records were removed (0 when none were held).</returns>
    ValueTask<long> EraseCustomerAsync(ErasureSubject subject, CancellationToken cancellationToken = default);
}

/// <summary>The customer being erased, under both of their names.</summary>
/// <param name="CustomerId">The id as the host knows it (in clear).</param>
/// <param name="StoredId">The id as stores and fitted models built from them hold it: the pseudonym when the store
/// pseudonymises, otherwise the same as <paramref name="CustomerId"/>.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ErasureSubject(CustomerId CustomerId, CustomerId StoredId);
