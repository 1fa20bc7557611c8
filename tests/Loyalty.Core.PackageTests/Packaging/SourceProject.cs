using System.Xml.Linq;

namespace Loyalty.Core.PackageTests.Packaging;

/// <summary>A project under src/, as far as packing is concerned: read from the project file alone, so a new project
/// is picked up without being listed anywhere in the tests.</summary>
/// <param name="Directory">The project folder.</param>
/// <param name="PackageId">The package id: &lt;PackageId&gt;, else &lt;AssemblyName&gt;, else the project file name.</param>
/// <param name="IsPackable">False only when the project file opts out (Directory.Build.props makes src/ packable).</param>
internal sealed record SourceProject(string Directory, string PackageId, bool IsPackable)
{
    /// <summary>Every project under src/ (one folder each).</summary>
    internal static IReadOnlyList<SourceProject> All() =>
        System.IO.Directory.GetFiles(Repository.PathOf("src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToArray();

    private static SourceProject Read(string projectFile)
    {
        var properties = XDocument.Load(projectFile).Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup").ToArray();
        string? Property(string name) => properties.LastOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
        string id = Property("PackageId") ?? Property("AssemblyName") ?? Path.GetFileNameWithoutExtension(projectFile);
        bool packable = !string.Equals(Property("IsPackable"), "false", StringComparison.OrdinalIgnoreCase);
        return new SourceProject(Path.GetDirectoryName(projectFile)!, id, packable);
    }
}
