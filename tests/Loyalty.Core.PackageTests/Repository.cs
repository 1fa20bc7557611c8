using System.Reflection;

namespace Loyalty.Core.PackageTests;

/// <summary>Where things are in the repository these tests were built from, and which configuration built them.</summary>
internal static class Repository
{
    /// <summary>The repository root: the first ancestor of the test binaries that holds Loyalty.Core.sln.</summary>
    internal static string Root { get; } = FindRoot();

    /// <summary>The solution file.</summary>
    internal static string Solution => Path.Combine(Root, "Loyalty.Core.sln");

    /// <summary>The configuration this test assembly was built in; the packages are packed from the same one, so
    /// <c>dotnet test -c Release</c> packs what the solution build just produced.</summary>
    internal static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>A path below the root, e.g. <c>PathOf("docs", "getting-started.md")</c>.</summary>
    internal static string PathOf(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Loyalty.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Loyalty.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
