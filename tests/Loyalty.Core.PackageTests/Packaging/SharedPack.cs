namespace Loyalty.Core.PackageTests.Packaging;

/// <summary>The tests that share one pack; they run one after another, so one restore and build at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPack : ICollectionFixture<PackedPackages>
{
    internal const string Name = "packages";
}
