using Loyalty.Cli.Datasets;
using Loyalty.Cli.Infrastructure;

namespace Loyalty.Core.Tests.Cli.Datasets;

/// <summary><c>dataset:NAME/FILE</c> on file options, resolved through the locator.</summary>
public sealed class DatasetPathTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"loyalty-dspath-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Resolve_DataSetInLoyaltyData_ReturnsTheFileThere()
    {
        string folder = Path.Combine(_root, "data", "hillstrom");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "hillstrom.csv"), "placeholder");

        string path = DatasetPath.Resolve("dataset:hillstrom/hillstrom.csv", Locator());

        Assert.Equal(Path.Combine(Path.GetFullPath(folder), "hillstrom.csv"), path);
    }

    [Theory]
    [InlineData("dataset:hillstrom", "should name a data set and a file")]
    [InlineData("dataset:netflix/x.csv", "no data set named 'netflix'")]
    [InlineData("dataset:cdnow/CDNOW_master.txt", "loyalty datasets fetch cdnow")]
    public void Resolve_BadOrMissing_ThrowsNamingTheProblem(string text, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => DatasetPath.Resolve(text, Locator()));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uplift_UnknownDataSet_ExitsTwoNamingTheOption()
    {
        var (exit, stdout, stderr) = CliHarness.Run("uplift", "--input", "dataset:netflix/ratings.csv", "--treatment-column", "a",
            "--treatment", "t", "--control", "c", "--outcome-column", "y");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("--input: 'dataset:netflix/ratings.csv': no data set named 'netflix'", stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Uplift_HillstromNamedAsDataSet_ReadsTheSameFileAsItsPath()
    {
        var dataset = DatasetCatalog.Hillstrom;
        if (DatasetLocator.FromProcess().Find(dataset) is null)
        {
            ExternalResource.Unavailable(PublisherMirror.SkipReason(dataset));
        }

        string[] rest = ["--treatment-column", "segment", "--treatment", "Womens E-Mail", "--control", "No E-Mail", "--outcome-column", "visit", "--json"];

        var named = CliHarness.Run(["uplift", "--input", "dataset:hillstrom/hillstrom.csv", .. rest]);
        var byPath = CliHarness.Run(["uplift", "--input", Path.Combine(DatasetLocator.FromProcess().Find(dataset)!.Directory, "hillstrom.csv"), .. rest]);

        Assert.Equal(0, named.Exit);
        Assert.Equal(byPath.Stdout, named.Stdout);
    }

    private DatasetLocator Locator()
    {
        var env = new Dictionary<string, string> { ["LOYALTY_DATA"] = Path.Combine(_root, "data") };
        return new DatasetLocator(key => env.GetValueOrDefault(key), Path.Combine(_root, "cwd"), null, Path.Combine(_root, "cache"));
    }
}
