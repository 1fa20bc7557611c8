using System.Text.Json;
using Loyalty.Cli.Datasets;

namespace Loyalty.Core.Tests.Cli.Datasets;

/// <summary>The catalogue: publishers' addresses, and hashes that match the known copies in the shared folder.</summary>
public sealed class DatasetCatalogTests
{
    [Theory]
    [InlineData("movielens-100k", "https://files.grouplens.org/datasets/movielens/ml-100k.zip")]
    [InlineData("hillstrom", "http://www.minethatdata.com/Kevin_Hillstrom_MineThatData_E-MailAnalytics_DataMiningChallenge_2008.03.20.csv")]
    [InlineData("cdnow", "https://raw.githubusercontent.com/CamDavidsonPilon/lifetimes/4f2833f4518621343bb6983eb3e540c11f66ec6a/lifetimes/datasets/CDNOW_master.txt")]
    public void Downloads_Default_StartAtThePublishersAddress(string name, string first)
    {
        Assert.Equal(first, DatasetCatalog.Find(name)!.Downloads()[0].ToString());
    }

    [Fact]
    public void Downloads_MirrorWithoutTrailingSlash_AppendsTheFileName()
    {
        Assert.Equal("http://127.0.0.1:8080/m/ml-100k.zip", DatasetCatalog.MovieLens100K.Downloads("http://127.0.0.1:8080/m")[0].ToString());
    }

    [Fact]
    public void All_EveryHash_IsLowerCaseSha256Hex()
    {
        Assert.All(DatasetCatalog.All.SelectMany(set => set.Files).SelectMany(file => file.AcceptedSha256),
            hash => Assert.Matches("^[0-9a-f]{64}$", hash));
    }

    [SkippableTheory]
    [InlineData("movielens-100k")]
    [InlineData("hillstrom")]
    [InlineData("cdnow")]
    public void Check_SharedCopy_EveryFileVerifies(string name)
    {
        var dataset = DatasetCatalog.Find(name)!;
        string? folder = PublisherMirror.SharedFolder(dataset);
        if (folder is null)
        {
            ExternalResource.Unavailable(PublisherMirror.SkipReason(dataset));
        }

        Assert.All(DatasetVerifier.Check(dataset, folder), check => Assert.True(check.Verified, check.Describe(dataset)));
    }

    [Fact]
    public void List_Json_NamesEveryDataSetWithLicenceSourceAndLookup()
    {
        string cache = Path.Combine(Path.GetTempPath(), $"loyalty-list-{Guid.NewGuid():N}");
        var (exit, stdout, _) = CliHarness.Run("datasets", "list", "--cache-dir", cache, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(cache, json.RootElement.GetProperty("cache").GetString());
        var sets = json.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(["movielens-100k", "hillstrom", "cdnow"], sets.Select(s => s.GetProperty("name").GetString()));
        Assert.All(sets, s =>
        {
            Assert.False(string.IsNullOrEmpty(s.GetProperty("licence").GetString()));
            Assert.False(string.IsNullOrEmpty(s.GetProperty("source").GetString()));
            Assert.Equal(Path.Combine(cache, s.GetProperty("name").GetString()!), s.GetProperty("searched").EnumerateArray().Last().GetString());
            Assert.Equal(s.GetProperty("found").GetBoolean(), s.GetProperty("directory").ValueKind == JsonValueKind.String);
        });
        Assert.True(sets[0].GetProperty("requiresAcceptance").GetBoolean());
        Assert.False(Directory.Exists(cache));
    }
}
