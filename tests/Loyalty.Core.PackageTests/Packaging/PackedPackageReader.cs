using System.IO.Compression;

namespace Loyalty.Core.PackageTests.Packaging;

/// <summary>Lists any package-like zip (a .snupkg too).</summary>
internal static class PackedPackageReader
{
    internal static IReadOnlyList<string> Files(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }
}
