namespace Loyalty.Core.Storage;

/// <summary>One schema change of an <see cref="IStoreDialect"/>, applied once, in order, inside the migration
/// transaction. Immutable.</summary>
/// <param name="Version">The schema version this change brings the store to (1, 2, …).</param>
/// <param name="Description">What the change does, recorded in loyalty_schema_version.</param>
/// <param name="Sql">The statements; a dialect whose provider runs one statement per command keeps it to one.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record StoreMigration(int Version, string Description, string Sql);
