using System.IO.Compression;
using System.Xml.Linq;

namespace Loyalty.Core.PackageTests.Packaging;

/// <summary>One .nupkg produced by the pack, read once: its manifest and the paths of the files it holds.</summary>
internal sealed class PackedPackage
{
    private PackedPackage(string path, XElement metadata, IReadOnlyList<string> files, string projectDirectory)
    {
        FilePath = path;
        Metadata = metadata;
        Files = files;
        ProjectDirectory = projectDirectory;
    }

    /// <summary>The .nupkg file.</summary>
    internal string FilePath { get; }

    /// <summary>The nuspec's <c>metadata</c> element, with the namespace stripped so tests can say <c>Element("id")</c>.</summary>
    internal XElement Metadata { get; }

    /// <summary>Paths inside the package, with forward slashes.</summary>
    internal IReadOnlyList<string> Files { get; }

    /// <summary>The src/ project folder the package was packed from.</summary>
    internal string ProjectDirectory { get; }

    internal string Id => (string)Metadata.Element("id")!;

    internal string Version => (string)Metadata.Element("version")!;

    /// <summary>A dotnet tool rather than a library.</summary>
    internal bool IsTool => Metadata.Element("packageTypes")?.Elements("packageType").Any(t => (string?)t.Attribute("name") == "DotnetTool") == true;

    /// <summary>The symbol package beside it.</summary>
    internal string SymbolsPath => Path.ChangeExtension(FilePath, ".snupkg");

    /// <summary>The dependencies of the package's one target framework group, id → version range.</summary>
    internal IReadOnlyDictionary<string, string> Dependencies =>
        Metadata.Element("dependencies")?.Descendants("dependency").ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!)
        ?? new Dictionary<string, string>();

    /// <summary>The bytes of one file inside the package.</summary>
    internal byte[] Read(string pathInPackage)
    {
        using var zip = ZipFile.OpenRead(FilePath);
        var entry = zip.GetEntry(pathInPackage) ?? throw new FileNotFoundException($"{pathInPackage} is not in {Path.GetFileName(FilePath)}.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Reads <paramref name="nupkg"/> and finds the src/ project it came from.</summary>
    internal static PackedPackage Open(string nupkg, IReadOnlyList<SourceProject> projects)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var files = zip.Entries.Select(e => e.FullName).ToArray();
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        XElement metadata;
        using (var stream = nuspec.Open())
        {
            metadata = WithoutNamespace(XDocument.Load(stream).Root!).Element("metadata")!;
        }

        string id = (string)metadata.Element("id")!;
        var project = projects.SingleOrDefault(p => p.PackageId == id)
            ?? throw new InvalidOperationException($"Package {id} does not come from any project under src/.");
        return new PackedPackage(nupkg, metadata, files, project.Directory);
    }

    private static XElement WithoutNamespace(XElement element) =>
        new(element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a.Name.LocalName, a.Value)),
            element.Nodes().Select(n => n is XElement child ? WithoutNamespace(child) : n));
}
