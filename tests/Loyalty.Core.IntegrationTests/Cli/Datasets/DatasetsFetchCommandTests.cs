using System.Security.Cryptography;
using System.Text.Json;
using Loyalty.Cli.Datasets;

namespace Loyalty.Core.Tests.Cli.Datasets;

/// <summary><c>loyalty datasets fetch</c> against a loopback server standing in for the publishers, into a
/// temporary cache (never the user's).</summary>
public sealed class DatasetsFetchCommandTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), $"loyalty-datasets-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    public static TheoryData<string> Names => ["movielens-100k", "hillstrom", "cdnow"];

    [SkippableTheory]
    [MemberData(nameof(Names))]
    public void Fetch_FromLoopbackMirror_WritesEveryFileVerified(string name)
    {
        var dataset = DatasetCatalog.Find(name)!;
        if (PublisherMirror.SharedFolder(dataset) is null)
        {
            ExternalResource.Unavailable(PublisherMirror.SkipReason(dataset));
        }

        using var server = new LoopbackFileServer(PublisherMirror.Serve(dataset, "publisher"));

        var (exit, stdout, stderr) = Fetch(name, server.BaseUrl + "publisher/", "--accept-license", "--json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("downloaded", json.RootElement.GetProperty("status").GetString());
        string folder = Path.Combine(_cache, name);
        Assert.Equal(folder, json.RootElement.GetProperty("directory").GetString());
        Assert.Equal(dataset.Files.Count, json.RootElement.GetProperty("files").GetArrayLength());
        foreach (var file in dataset.Files)
        {
            string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file.Name))));
            Assert.Contains(sha, file.AcceptedSha256);
        }

        Assert.Equal(dataset.Files.Count, Directory.GetFiles(folder).Length);
        Assert.Equal([name], Directory.GetFileSystemEntries(_cache).Select(Path.GetFileName));
    }

    [SkippableTheory]
    [InlineData("hillstrom", "hillstrom.csv")]
    [InlineData("movielens-100k", "u.data")]
    public void Fetch_TamperedByte_RefusesNamingFileAndBothHashesAndLeavesNoFiles(string name, string tampered)
    {
        var dataset = DatasetCatalog.Find(name)!;
        if (PublisherMirror.SharedFolder(dataset) is null)
        {
            ExternalResource.Unavailable(PublisherMirror.SkipReason(dataset));
        }

        var files = PublisherMirror.Serve(dataset, "publisher", tamperedFile: tampered);
        using var server = new LoopbackFileServer(files);
        byte[] tamperedBytes = File.ReadAllBytes(Path.Combine(PublisherMirror.SharedFolder(dataset)!, tampered));
        tamperedBytes[tamperedBytes.Length / 2] ^= 0x01;
        string actual = Convert.ToHexStringLower(SHA256.HashData(tamperedBytes));

        var (exit, stdout, stderr) = Fetch(name, server.BaseUrl + "publisher/", "--accept-license");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains($"{name}: {tampered}: SHA-256 is {actual}", stderr, StringComparison.Ordinal);
        Assert.Contains(dataset.Files.Single(f => f.Name == tampered).AcceptedSha256[0], stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(_cache) ? Directory.GetFileSystemEntries(_cache, "*", SearchOption.AllDirectories) : []);
    }

    [SkippableFact]
    public void Fetch_SecondTime_IsNoOpAlreadyPresentVerified()
    {
        var dataset = DatasetCatalog.Cdnow;
        if (PublisherMirror.SharedFolder(dataset) is null)
        {
            ExternalResource.Unavailable(PublisherMirror.SkipReason(dataset));
        }

        using var server = new LoopbackFileServer(PublisherMirror.Serve(dataset, "lifetimes"));
        Assert.Equal(0, Fetch("cdnow", server.BaseUrl + "lifetimes/").Exit);
        int requests = server.Requests;

        var (exit, stdout, _) = Fetch("cdnow", server.BaseUrl + "lifetimes/");

        Assert.Equal(0, exit);
        Assert.Contains("already present, verified", stdout, StringComparison.Ordinal);
        Assert.Equal(dataset.Files.Count, requests);
        Assert.Equal(requests, server.Requests);
    }

    [SkippableFact]
    public void Fetch_CachedCopyCorrupted_DownloadsAgainAndReplacesIt()
    {
        var dataset = DatasetCatalog.Hillstrom;
        if (PublisherMirror.SharedFolder(dataset) is null)
        {
            ExternalResource.Unavailable(PublisherMirror.SkipReason(dataset));
        }

        using var server = new LoopbackFileServer(PublisherMirror.Serve(dataset, "mtd"));
        Assert.Equal(0, Fetch("hillstrom", server.BaseUrl + "mtd/").Exit);
        string cached = Path.Combine(_cache, "hillstrom", "hillstrom.csv");
        File.AppendAllText(cached, "garbage");

        var (exit, stdout, stderr) = Fetch("hillstrom", server.BaseUrl + "mtd/");

        Assert.Equal(0, exit);
        Assert.Contains("does not verify", stderr, StringComparison.Ordinal);
        Assert.Contains("downloaded and verified", stdout, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(cached))), dataset.Files[0].AcceptedSha256);
        Assert.Equal(["hillstrom"], Directory.GetFileSystemEntries(_cache).Select(Path.GetFileName));
    }

    [Fact]
    public void Fetch_MovieLensWithoutAcceptLicense_PrintsTermsAndDownloadsNothing()
    {
        using var server = new LoopbackFileServer(new Dictionary<string, byte[]>());

        var (exit, stdout, stderr) = Fetch("movielens-100k", server.BaseUrl, "--json");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("redistribute", stderr, StringComparison.Ordinal);
        Assert.Contains("--accept-license", stderr, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
        Assert.False(Directory.Exists(_cache));
    }

    [Fact]
    public void Fetch_PublisherAnswers404_FailsNamingTheAddressAndLeavesNoFiles()
    {
        using var server = new LoopbackFileServer(new Dictionary<string, byte[]>());

        var (exit, _, stderr) = Fetch("hillstrom", server.BaseUrl + "gone/");

        Assert.Equal(1, exit);
        Assert.Contains(server.BaseUrl + "gone/Kevin_Hillstrom", stderr, StringComparison.Ordinal);
        Assert.Contains("404", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(_cache) ? Directory.GetFileSystemEntries(_cache, "*", SearchOption.AllDirectories) : []);
    }

    [Theory]
    [InlineData("netflix", "", "netflix")]
    [InlineData("hillstrom", "--url ftp://example.org/", "--url")]
    public void Fetch_BadArguments_ExitsTwoNamingTheProblem(string name, string extra, string named)
    {
        var (exit, _, stderr) = CliHarness.Run(["datasets", "fetch", name, "--cache-dir", _cache, .. extra.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, exit);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cache));
    }

    private (int Exit, string Stdout, string Stderr) Fetch(string name, string url, params string[] extra) =>
        CliHarness.Run(["datasets", "fetch", name, "--url", url, "--cache-dir", _cache, .. extra]);
}
