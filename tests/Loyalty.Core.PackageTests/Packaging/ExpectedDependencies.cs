using System.Xml.Linq;

namespace Loyalty.Core.PackageTests.Packaging;

/// <summary>What a package's dependencies should be, read from its project file: each project reference becomes a
/// dependency on our package of the same version or later (an ordinary range: packages use each other's public API
/// only), each package reference one on the version pinned in Directory.Packages.props.</summary>
internal static class ExpectedDependencies
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> CentralVersions = new(() =>
        XDocument.Load(Repository.PathOf("Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase));

    internal static IReadOnlyDictionary<string, string> Of(PackedPackage package, IReadOnlyList<SourceProject> projects)
    {
        string projectFile = Directory.GetFiles(package.ProjectDirectory, "*.csproj").Single();
        var items = XDocument.Load(projectFile).Descendants().ToArray();
        var expected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in items.Where(e => e.Name.LocalName == "ProjectReference"))
        {
            string referenced = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(package.ProjectDirectory, ((string)reference.Attribute("Include")!).Replace('\\', Path.DirectorySeparatorChar))))!;
            string id = projects.Single(p => p.Directory == referenced).PackageId;
            expected[id] = package.Version;
        }

        foreach (var reference in items.Where(e => e.Name.LocalName == "PackageReference" && e.Attribute("PrivateAssets")?.Value != "all"))
        {
            string packageId = (string)reference.Attribute("Include")!;
            expected[packageId] = (string?)reference.Attribute("Version") ?? CentralVersions.Value[packageId];
        }

        return expected;
    }
}
