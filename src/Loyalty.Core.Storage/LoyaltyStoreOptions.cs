using Loyalty.Core.Rewards;
using Loyalty.Core.Validation;

namespace Loyalty.Core.Storage;

/// <summary>Settings shared by the SQLite and PostgreSQL stores.</summary>
public sealed record LoyaltyStoreOptions
{
    /// <summary>How customer ids are stored. Required: choose <see cref="CustomerPseudonymizer.WithKey"/> for
    /// personal ids or <see cref="CustomerPseudonymizer.None"/> to keep them in clear.</summary>
    public CustomerPseudonymizer? Pseudonymizer { get; init; }

    /// <summary>Transactions per database transaction during ingest; each batch commits atomically.</summary>
    public int BatchSize { get; init; } = 50_000;

    /// <summary>Rules of the durable points ledger.</summary>
    public LedgerOptions Ledger { get; init; } = new();

    /// <summary>How long a command waits for a lock held by another writer before failing.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(LoyaltyStoreOptions));
        v.Require(Pseudonymizer is not null, nameof(Pseudonymizer), "is required; use CustomerPseudonymizer.WithKey(key) or CustomerPseudonymizer.None");
        v.Require(BatchSize is >= 1 and <= 10_000_000, nameof(BatchSize), $"must be between 1 and 10,000,000 (was {BatchSize})");
        v.Positive(nameof(LockTimeout), LockTimeout);
        if (v.NotNull(nameof(Ledger), Ledger))
        {
            Ledger.Collect(v.Nested(nameof(Ledger)));
        }

        v.ThrowIfInvalid();
    }
}
