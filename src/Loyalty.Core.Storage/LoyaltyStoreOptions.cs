using Loyalty.Core.Rewards;
using Loyalty.Core.Validation;

namespace Loyalty.Core.Storage;

/// <summary>Settings shared by the SQLite and PostgreSQL stores.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
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

    /// <summary>The clock of the store: the time stamps of schema migrations, the <see cref="LockTimeout"/> deadline
    /// and the waits between retries. Replace it in tests to control time.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(LoyaltyStoreOptions));
        v.Require(Pseudonymizer is not null, nameof(Pseudonymizer), "is required; use CustomerPseudonymizer.WithKey(key) or CustomerPseudonymizer.None");
        v.Require(BatchSize is >= 1 and <= 10_000_000, nameof(BatchSize), $"must be between 1 and 10,000,000 (was {BatchSize})");
        v.Positive(nameof(LockTimeout), LockTimeout);
        v.NotNull(nameof(TimeProvider), TimeProvider);
        if (v.NotNull(nameof(Ledger), Ledger))
        {
            Ledger.Collect(v.Nested(nameof(Ledger)));
        }

        v.ThrowIfInvalid();
    }
}
