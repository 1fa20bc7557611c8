namespace Loyalty.Core.Tests;

/// <summary>Where test data lives: bundled files under tests/data, and data sets that may not be redistributed
/// (MovieLens, Hillstrom), found outside the repository.</summary>
internal static class TestData
{
    /// <summary>A folder holding one sub-folder per data set (<c>$LOYALTY_DATA/movielens-100k/u.data</c>).</summary>
    internal const string DataVariable = "LOYALTY_DATA";

    /// <summary>The shared folder; its <c>data</c> sub-folder holds one sub-folder per data set.</summary>
    internal const string SharedVariable = "LOYALTY_SHARED";

    /// <summary>The repository root: the first ancestor of the test binaries that holds Loyalty.Core.sln.</summary>
    internal static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A bundled file, e.g. <c>Bundled("cdnow", "CDNOW_sample.txt")</c>.</summary>
    internal static string Bundled(params string[] parts) =>
        Path.Combine([RepoRoot, "tests", "data", .. parts]);

    /// <summary>The shared folder: the one named by <c>LOYALTY_SHARED</c>, else <c>../shared</c> beside the repository.</summary>
    internal static string SharedDir =>
        Environment.GetEnvironmentVariable(SharedVariable) is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>
    /// A file or folder of an external data set, e.g. <c>Shared("hillstrom", "hillstrom.csv")</c>: the first of
    /// <see cref="DataSetFolders(string)"/> that holds it. When none does the test is skipped, saying where it looked and how
    /// to get the data (or fails, under <c>LOYALTY_REQUIRE_EXTERNAL=1</c>).
    /// </summary>
    internal static string Shared(string dataSet, params string[] parts)
    {
        var folders = DataSetFolders(dataSet).ToList();
        string? found = folders.Select(folder => Path.Combine([folder, .. parts]))
            .FirstOrDefault(path => File.Exists(path) || Directory.Exists(path));
        if (found is null)
        {
            // Worded per data set, not per file, so a missing set is reported once however many files its tests read.
            string missing = folders.Any(Directory.Exists) ? $"'{Path.Combine(parts)}' of data set '{dataSet}'" : $"Data set '{dataSet}'";
            ExternalResource.Unavailable(
                $"{missing} not found (looked in {string.Join(", ", folders)}). Run " +
                $"'loyalty datasets fetch {dataSet}', or set {DataVariable} to a folder holding {dataSet}/.");
        }

        return found;
    }

    /// <summary>Where a data set may be, in the order searched: <c>$LOYALTY_DATA/name</c>,
    /// <c>$LOYALTY_SHARED/data/name</c>, <c>../shared/data/name</c> beside the repository, and the user cache that
    /// <c>loyalty datasets fetch</c> fills (<c>$XDG_CACHE_HOME/loyalty/datasets/name</c>, else
    /// <c>~/.cache/loyalty/datasets/name</c>).</summary>
    internal static IEnumerable<string> DataSetFolders(string dataSet) =>
        DataSetFolders(dataSet, Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary><see cref="DataSetFolders(string)"/> with the environment and home folder given (for its tests).</summary>
    internal static IEnumerable<string> DataSetFolders(string dataSet, Func<string, string?> environment, string home)
    {
        if (environment(DataVariable) is { Length: > 0 } data)
        {
            yield return Path.Combine(data, dataSet);
        }

        if (environment(SharedVariable) is { Length: > 0 } shared)
        {
            yield return Path.Combine(shared, "data", dataSet);
        }

        yield return Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", dataSet));
        string cache = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".cache");
        yield return Path.Combine(cache, "loyalty", "datasets", dataSet);
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
