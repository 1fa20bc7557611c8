namespace Loyalty.Cli.Datasets;

/// <summary>Where a data set was found, and through which rule of the lookup.</summary>
/// <param name="Dataset">The data set.</param>
/// <param name="Directory">The folder holding its files.</param>
/// <param name="Origin">The rule that found it: <c>LOYALTY_DATA</c>, <c>shared</c> or <c>cache</c>.</param>
internal sealed record DatasetLocation(Dataset Dataset, string Directory, string Origin);

/// <summary>
/// Finds a data set's folder, first match wins: (1) <c>$LOYALTY_DATA/&lt;name&gt;</c>; (2)
/// <c>../shared/data/&lt;name&gt;</c> relative to the current directory, then relative to the repository (the
/// first folder above the running binaries that holds <c>Loyalty.Core.sln</c>); (3) the user cache
/// (<see cref="CacheRoot"/>). A folder counts only when every file of the catalogue is in it, so a half-copied
/// folder does not hide a complete one further down the list. Lookup checks presence; <c>datasets fetch</c>
/// verifies hashes.
/// </summary>
internal sealed class DatasetLocator
{
    /// <summary>The environment variable naming a folder that holds <c>&lt;name&gt;/</c> folders.</summary>
    internal const string DataVariable = "LOYALTY_DATA";

    private readonly Func<string, string?> _environment;
    private readonly string _currentDirectory;
    private readonly string? _repositoryRoot;

    /// <summary>A locator over an explicit environment, so tests need not change the process's.</summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="currentDirectory">The directory <c>../shared</c> is taken relative to.</param>
    /// <param name="repositoryRoot">The repository root, or null outside a checkout.</param>
    /// <param name="cacheRoot">The cache folder holding <c>&lt;name&gt;/</c>; null for the per-user default.</param>
    internal DatasetLocator(Func<string, string?> environment, string currentDirectory, string? repositoryRoot, string? cacheRoot = null)
    {
        _environment = environment;
        _currentDirectory = currentDirectory;
        _repositoryRoot = repositoryRoot;
        CacheRoot = cacheRoot ?? DatasetCache.DefaultRoot(environment);
    }

    /// <summary>The cache folder: <c>$XDG_CACHE_HOME/loyalty/datasets</c>, else <c>~/.cache/loyalty/datasets</c>;
    /// on Windows <c>%LOCALAPPDATA%\loyalty\datasets</c>.</summary>
    internal string CacheRoot { get; }

    /// <summary>The locator of this process: its environment, current directory and repository.</summary>
    /// <param name="cacheRoot">A cache folder to use instead of the per-user default.</param>
    internal static DatasetLocator FromProcess(string? cacheRoot = null) =>
        new(Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory(), FindRepositoryRoot(AppContext.BaseDirectory), cacheRoot);

    /// <summary>The folders searched for <paramref name="dataset"/>, in order, each with the rule's name (a folder
    /// two rules name, as when the current directory is the repository, is listed once).</summary>
    internal IEnumerable<(string Directory, string Origin)> Candidates(Dataset dataset) =>
        AllCandidates(dataset).DistinctBy(candidate => candidate.Directory);

    private IEnumerable<(string Directory, string Origin)> AllCandidates(Dataset dataset)
    {
        if (_environment(DataVariable) is { Length: > 0 } data)
        {
            yield return (Path.GetFullPath(Path.Combine(data, dataset.Name)), DataVariable);
        }

        yield return (Path.GetFullPath(Path.Combine(_currentDirectory, "..", "shared", "data", dataset.Name)), "shared");
        if (_repositoryRoot is not null)
        {
            yield return (Path.GetFullPath(Path.Combine(_repositoryRoot, "..", "shared", "data", dataset.Name)), "shared");
        }

        yield return (Path.Combine(CacheRoot, dataset.Name), "cache");
    }

    /// <summary>The first candidate folder holding every file of <paramref name="dataset"/>, or null.</summary>
    internal DatasetLocation? Find(Dataset dataset) =>
        Candidates(dataset)
            .Where(candidate => dataset.Files.All(file => File.Exists(Path.Combine(candidate.Directory, file.Name))))
            .Select(candidate => new DatasetLocation(dataset, candidate.Directory, candidate.Origin))
            .FirstOrDefault();

    /// <summary>The first folder at or above <paramref name="start"/> holding <c>Loyalty.Core.sln</c>, or null.</summary>
    internal static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Loyalty.Core.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
