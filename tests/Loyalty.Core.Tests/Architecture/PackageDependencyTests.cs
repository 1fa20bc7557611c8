namespace Loyalty.Core.Tests.Architecture;

/// <summary>
/// Which of our assemblies each package may reference: the layering the packages and their NuGet dependencies
/// promise (README, docs/architecture.md). References are read from the compiled assemblies, so a type used from a
/// package it should not know fails here even when the project reference happens to exist.
/// </summary>
public sealed class PackageDependencyTests
{
    private static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        // The vocabulary: records and store contracts, no dependencies at all.
        [OurAssemblies.Abstractions] = [],
        // The engines: no database, no HTML, no hosting.
        [OurAssemblies.Core] = [OurAssemblies.Abstractions],
        // The relational engine and its public dialect contract.
        [OurAssemblies.Storage] = [OurAssemblies.Core, OurAssemblies.Abstractions],
        // Dialects: only through Storage's public seam (and the vocabulary and engines it exposes).
        [OurAssemblies.Sqlite] = [OurAssemblies.Storage, OurAssemblies.Core, OurAssemblies.Abstractions],
        [OurAssemblies.PostgreSql] = [OurAssemblies.Storage, OurAssemblies.Core, OurAssemblies.Abstractions],
        // The report renders pipeline results; it knows nothing of stores.
        [OurAssemblies.Reporting] = [OurAssemblies.Core, OurAssemblies.Abstractions],
        // Dependency injection registers the engines and any relational store, never a particular database.
        [OurAssemblies.Hosting] = [OurAssemblies.Storage, OurAssemblies.Core, OurAssemblies.Abstractions],
        // The command line is the one place that puts everything together.
        [OurAssemblies.Cli] =
        [
            OurAssemblies.Abstractions, OurAssemblies.Core, OurAssemblies.Storage, OurAssemblies.Sqlite,
            OurAssemblies.PostgreSql, OurAssemblies.Reporting, OurAssemblies.Hosting,
        ],
    };

    [Fact]
    public void ReferencedAssemblies_EveryPackage_OnlyAllowedPackagesOfOurs()
    {
        var violations = new List<string>();
        foreach (var assembly in OurAssemblies.All)
        {
            string name = assembly.GetName().Name!;
            Assert.True(Allowed.ContainsKey(name), $"{name} has no dependency rule; add one to {nameof(PackageDependencyTests)}.");
            violations.AddRange(assembly.GetReferencedAssemblies()
                .Select(r => r.Name!)
                .Where(r => OurAssemblies.IsOurs(r) && !Allowed[name].Contains(r))
                .Select(r => $"{name} references {r}"));
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Rules_EveryAssemblyOfOurs_IsLoadedByTheTests()
    {
        var loaded = OurAssemblies.All.Select(a => a.GetName().Name!).Order(StringComparer.Ordinal);
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), loaded);
    }

    [Fact]
    public void CoreNamespaces_NoTypeInLoyaltyCore_LivesInStorageOrReporting()
    {
        var misplaced = typeof(Loyalty.Core.Features.RfmBuilder).Assembly.GetTypes()
            .Where(t => t.Namespace is "Loyalty.Core.Storage" or "Loyalty.Core.Reporting" ||
                        (t.Namespace?.StartsWith("Loyalty.Core.Storage.", StringComparison.Ordinal) ?? false))
            .Select(t => t.FullName);
        Assert.Empty(misplaced);
    }
}
