using Loyalty.Core.Rewards;

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
        var errors = new List<string>();
        if (Pseudonymizer is null)
        {
            errors.Add($"{nameof(Pseudonymizer)}: required; use CustomerPseudonymizer.WithKey(key) or CustomerPseudonymizer.None.");
        }

        if (BatchSize is < 1 or > 10_000_000)
        {
            errors.Add($"{nameof(BatchSize)}: must be between 1 and 10,000,000; got {BatchSize}.");
        }

        if (LockTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(LockTimeout)}: must be positive.");
        }

        if (TimeProvider is null)
        {
            errors.Add($"{nameof(TimeProvider)}: required; use TimeProvider.System.");
        }

        if (Ledger is null)
        {
            errors.Add($"{nameof(Ledger)}: required.");
        }
        else
        {
            try
            {
                Ledger.Validate();
            }
            catch (ArgumentException ex)
            {
                errors.Add(ex.Message);
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid store options:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }
    }
}
