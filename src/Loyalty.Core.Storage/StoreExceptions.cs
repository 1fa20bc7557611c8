namespace Loyalty.Core.Storage;

/// <summary>The store was created or migrated by a newer version of the library than this one.</summary>
/// <remarks>Thread safety: immutable once constructed; safe to read from any thread.</remarks>
public sealed class StoreSchemaVersionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public StoreSchemaVersionException(int storeVersion, int supportedVersion)
        : base($"The store has schema version {storeVersion}, newer than version {supportedVersion} this library supports; " +
               "upgrade Loyalty.Core, or open a store created by this version.")
    {
        StoreVersion = storeVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>The schema version found in the store.</summary>
    public int StoreVersion { get; }

    /// <summary>The newest schema version this library knows.</summary>
    public int SupportedVersion { get; }
}

/// <summary>The store was created with another pseudonymisation key (or none): opening it with this one would give
/// every returning customer a second identity.</summary>
/// <remarks>Thread safety: immutable once constructed; safe to read from any thread.</remarks>
public sealed class StoreKeyMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public StoreKeyMismatchException(string storeKeyCheck, string givenKeyCheck)
        : base(storeKeyCheck == "none"
            ? "The store keeps customer ids in clear, but a pseudonymisation key was given."
            : givenKeyCheck == "none"
                ? "The store pseudonymises customer ids, but no key was given; supply the key it was created with."
                : $"The pseudonymisation key differs from the one the store was created with (key check {storeKeyCheck}, given {givenKeyCheck}).")
    {
    }
}
