namespace Loyalty.Core.Tests.Support;

/// <summary>The search order for external data sets, which the external-data tests, the CLI cache
/// (<c>loyalty datasets fetch</c>) and the docs all rely on.</summary>
public sealed class TestDataTests
{
    private static readonly string Beside = Path.GetFullPath(Path.Combine(TestData.RepoRoot, "..", "shared", "data", "hillstrom"));

    [Fact]
    public void DataSetFolders_EveryVariableSet_DataThenSharedThenBesideThenXdgCache()
    {
        var environment = new Dictionary<string, string>
        {
            ["LOYALTY_DATA"] = "/d",
            ["LOYALTY_SHARED"] = "/s",
            ["XDG_CACHE_HOME"] = "/x",
        };

        var folders = TestData.DataSetFolders("hillstrom", environment.GetValueOrDefault, "/home/u").ToList();

        Assert.Equal(
            [Path.Combine("/d", "hillstrom"), Path.Combine("/s", "data", "hillstrom"), Beside, Path.Combine("/x", "loyalty", "datasets", "hillstrom")],
            folders);
    }

    [Fact]
    public void DataSetFolders_NoVariables_BesideThenHomeCache()
    {
        var folders = TestData.DataSetFolders("hillstrom", _ => null, "/home/u").ToList();

        Assert.Equal([Beside, Path.Combine("/home/u", ".cache", "loyalty", "datasets", "hillstrom")], folders);
    }

    [Fact]
    public void DataSetFolders_EmptyVariables_TreatedAsUnset()
    {
        var folders = TestData.DataSetFolders("hillstrom", _ => "", "/home/u").ToList();

        Assert.Equal([Beside, Path.Combine("/home/u", ".cache", "loyalty", "datasets", "hillstrom")], folders);
    }
}
