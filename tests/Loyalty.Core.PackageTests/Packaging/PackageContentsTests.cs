using System.Text;
using System.Xml.Linq;

namespace Loyalty.Core.PackageTests.Packaging;

/// <summary>What each package holds: the metadata nuget.org shows, the files a consumer gets, the right dependencies.</summary>
[Collection(SharedPack.Name)]
public sealed class PackageContentsTests(PackedPackages packed)
{
    private IEnumerable<PackedPackage> Libraries => packed.Packages.Where(p => !p.IsTool);

    [Fact]
    public void Pack_Solution_OnePackagePerPackableSrcProjectAndNothingElse()
    {
        var expected = packed.Projects.Where(p => p.IsPackable).Select(p => p.PackageId).Order(StringComparer.Ordinal);
        Assert.Equal(expected, packed.Packages.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Contains(packed.Packages, p => p.Id == "Loyalty.Core");
        Assert.Contains(packed.Packages, p => p.Id == "Loyalty.Core.Abstractions");
    }

    [Fact]
    public void Packages_Metadata_MitLicenseReadmeDescriptionAndCommit()
    {
        foreach (var package in packed.Packages)
        {
            var m = package.Metadata;
            Assert.True("expression" == (string?)m.Element("license")?.Attribute("type") && "MIT" == (string?)m.Element("license"), $"{package.Id}: license is not the MIT expression");
            Assert.True("README.md" == (string?)m.Element("readme"), $"{package.Id}: no readme in the nuspec");
            Assert.Contains("README.md", package.Files);
            string readme = Encoding.UTF8.GetString(package.Read("README.md"));
            Assert.True(readme.StartsWith("# ", StringComparison.Ordinal) && readme.Length > 200, $"{package.Id}: the README is too thin");
            Assert.False(string.IsNullOrWhiteSpace((string?)m.Element("description")), $"{package.Id}: no description");
            Assert.False(string.IsNullOrWhiteSpace((string?)m.Element("authors")), $"{package.Id}: no authors");

            // The commit is recorded by SourceLink's source-control step; its URL only when the clone has a remote.
            Assert.Matches("^[0-9a-f]{40}$", (string?)m.Element("repository")?.Attribute("commit") ?? string.Empty);
        }
    }

    [Fact]
    public void LibraryPackages_Files_AssemblyWithXmlDocsAndSymbolPackage()
    {
        foreach (var package in Libraries)
        {
            string lib = $"lib/net10.0/{package.Id}";
            Assert.Contains($"{lib}.dll", package.Files);
            Assert.Contains($"{lib}.xml", package.Files);
            var docs = XDocument.Parse(Encoding.UTF8.GetString(package.Read($"{lib}.xml")));
            Assert.Equal(package.Id, (string?)docs.Root?.Element("assembly")?.Element("name"));
            Assert.True(docs.Descendants("member").Any(m => ((string?)m.Attribute("name"))?.StartsWith("T:", StringComparison.Ordinal) == true), $"{package.Id}: the XML documentation documents no type");
            Assert.DoesNotContain(package.Files, f => f.EndsWith(".pdb", StringComparison.Ordinal));

            Assert.True(File.Exists(package.SymbolsPath), $"{package.Id}: no .snupkg");
            var symbols = PackedPackageReader.Files(package.SymbolsPath);
            Assert.Contains($"{lib}.pdb", symbols);
        }
    }

    [Fact]
    public void LibraryPackages_Dependencies_MatchProjectAndCentralVersions()
    {
        foreach (var package in Libraries)
        {
            static string[] Listed(string id, IReadOnlyDictionary<string, string> dependencies) =>
                dependencies.Select(d => $"{id} -> {d.Key} {d.Value}").Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(Listed(package.Id, ExpectedDependencies.Of(package, packed.Projects)), Listed(package.Id, package.Dependencies));
        }
    }

    [Fact]
    public void AbstractionsPackage_Dependencies_None()
    {
        Assert.Empty(packed.Get("Loyalty.Core.Abstractions").Dependencies);
    }

    [Fact]
    public void CliPackage_ToolSettings_CommandNamedLoyalty()
    {
        var cli = packed.Get("Loyalty.Cli");
        Assert.True(cli.IsTool);
        var settings = XDocument.Parse(Encoding.UTF8.GetString(cli.Read("tools/net10.0/any/DotnetToolSettings.xml")).TrimStart('\uFEFF'));
        var command = settings.Descendants("Command").Single();
        Assert.Equal("loyalty", (string?)command.Attribute("Name"));
        Assert.Equal("loyalty.dll", (string?)command.Attribute("EntryPoint"));
        Assert.Empty(cli.Dependencies);
    }
}
