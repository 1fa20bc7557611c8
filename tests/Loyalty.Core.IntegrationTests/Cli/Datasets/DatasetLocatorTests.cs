using Loyalty.Cli.Datasets;

namespace Loyalty.Core.Tests.Cli.Datasets;

/// <summary>The lookup order shared by the CLI and the tests: LOYALTY_DATA, ../shared/data beside the current
/// directory, then beside the repository, then the user cache. Built on temporary folders holding placeholder
/// files (lookup checks presence, not content), so these tests need no external data.</summary>
public sealed class DatasetLocatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"loyalty-locator-{Guid.NewGuid():N}");
    private readonly Dataset _dataset = DatasetCatalog.Hillstrom;

    private string LoyaltyData => Path.Combine(_root, "data");
    private string CurrentDirectory => Path.Combine(_root, "cwd", "work");
    private string RepositoryRoot => Path.Combine(_root, "repo", "Loyalty.Core");
    private string Cache => Path.Combine(_root, "cache");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData("data cwd repo cache", "LOYALTY_DATA", "data")]
    [InlineData("cwd repo cache", "shared", "cwd")]
    [InlineData("repo cache", "shared", "repo")]
    [InlineData("cache", "cache", "cache")]
    public void Find_SeveralCopies_FirstInLookupOrderWins(string present, string origin, string expectedPlace)
    {
        var places = present.Split(' ');
        foreach (string place in places)
        {
            Populate(Folder(place));
        }

        var found = Locator(withDataVariable: true).Find(_dataset);

        Assert.NotNull(found);
        Assert.Equal(origin, found.Origin);
        Assert.Equal(Path.GetFullPath(Folder(expectedPlace)), Path.GetFullPath(found.Directory));
    }

    [Fact]
    public void Find_LoyaltyDataUnset_SkipsThatRule()
    {
        Populate(Folder("data"));
        Populate(Folder("cache"));

        var found = Locator(withDataVariable: false).Find(_dataset);

        Assert.Equal("cache", found?.Origin);
    }

    [Fact]
    public void Find_FolderMissingAFile_IsPassedOver()
    {
        var movieLens = DatasetCatalog.MovieLens100K;
        Populate(Path.Combine(LoyaltyData, movieLens.Name), movieLens, skipFirst: true);
        Populate(Path.Combine(Cache, movieLens.Name), movieLens);

        var found = Locator(withDataVariable: true).Find(movieLens);

        Assert.Equal("cache", found?.Origin);
    }

    [Fact]
    public void Find_NowhereToBeFound_ReturnsNullAndListsTheFoldersSearched()
    {
        var locator = Locator(withDataVariable: true);

        Assert.Null(locator.Find(_dataset));
        Assert.Equal(["LOYALTY_DATA", "shared", "shared", "cache"], locator.Candidates(_dataset).Select(c => c.Origin));
    }

    [Fact]
    public void Candidates_CurrentDirectoryIsTheRepository_ListsSharedOnce()
    {
        var locator = new DatasetLocator(_ => null, RepositoryRoot, RepositoryRoot, Cache);

        Assert.Equal(["shared", "cache"], locator.Candidates(_dataset).Select(c => c.Origin));
    }

    [SkippableFact]
    public void DefaultCacheRoot_XdgCacheHomeSet_IsUnderIt()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows uses LocalApplicationData, not XDG");
        var env = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = "/xdg/cache", ["HOME"] = "/home/u" };

        Assert.Equal(Path.Combine("/xdg/cache", "loyalty", "datasets"), DatasetCache.DefaultRoot(key => env.GetValueOrDefault(key)));
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/cache")]
    public void DefaultCacheRoot_XdgCacheHomeUnsetOrRelative_IsUnderHomeDotCache(string? xdg)
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows uses LocalApplicationData, not XDG");
        var env = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = xdg, ["HOME"] = "/home/u" };

        Assert.Equal(Path.Combine("/home/u", ".cache", "loyalty", "datasets"), DatasetCache.DefaultRoot(key => env.GetValueOrDefault(key)));
    }

    private DatasetLocator Locator(bool withDataVariable)
    {
        var env = new Dictionary<string, string> { ["LOYALTY_DATA"] = LoyaltyData };
        Directory.CreateDirectory(CurrentDirectory);
        return new DatasetLocator(key => withDataVariable ? env.GetValueOrDefault(key) : null, CurrentDirectory, RepositoryRoot, Cache);
    }

    private string Folder(string place) => place switch
    {
        "data" => Path.Combine(LoyaltyData, _dataset.Name),
        "cwd" => Path.Combine(CurrentDirectory, "..", "shared", "data", _dataset.Name),
        "repo" => Path.Combine(RepositoryRoot, "..", "shared", "data", _dataset.Name),
        _ => Path.Combine(Cache, _dataset.Name),
    };

    private void Populate(string folder, Dataset? dataset = null, bool skipFirst = false)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in (dataset ?? _dataset).Files.Skip(skipFirst ? 1 : 0))
        {
            File.WriteAllText(Path.Combine(folder, file.Name), "placeholder");
        }
    }
}
