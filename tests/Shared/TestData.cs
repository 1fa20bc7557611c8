namespace Loyalty.Core.Tests;

/// <summary>Where test data lives: bundled files under tests/data, and the shared folder beside the repository
/// (../shared, or the folder named by LOYALTY_SHARED) for data that may not be redistributed.</summary>
internal static class TestData
{
    /// <summary>The repository root: the first ancestor of the test binaries that holds Loyalty.Core.sln.</summary>
    internal static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A bundled file, e.g. <c>Bundled("cdnow", "CDNOW_sample.txt")</c>.</summary>
    internal static string Bundled(params string[] parts) =>
        Path.Combine([RepoRoot, "tests", "data", .. parts]);

    /// <summary>The shared folder (external data). Tests that need it are tagged <c>Category=External</c>.</summary>
    internal static string SharedDir =>
        Environment.GetEnvironmentVariable("LOYALTY_SHARED") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>A file or folder in the shared data folder; fails with a clear message when it is missing.</summary>
    internal static string Shared(params string[] parts)
    {
        string path = Path.Combine([SharedDir, "data", .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Fail(
                $"External test data not found at '{path}'. Put the shared folder beside the repository " +
                "(or set LOYALTY_SHARED), or leave these tests out with --filter Category!=External.");
        }

        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Loyalty.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Loyalty.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
