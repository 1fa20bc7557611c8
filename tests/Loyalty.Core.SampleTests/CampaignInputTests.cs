using System.Net;

namespace Loyalty.Core.SampleTests;

/// <summary>
/// Campaign input never comes from a path in a request: the log is the body, or a file of the configured data
/// directory named by a plain file name. The old <c>POST /campaigns?path=/proc/self/environ</c> echoed the file's
/// first line (the process's secrets) in its 400; here no response carries any file content.
/// </summary>
public sealed class CampaignInputTests : IDisposable
{
    private const string Secret = "SECRET_TOKEN=hunter2-4f9b";

    private readonly string _root = Directory.CreateTempSubdirectory("loyalty-sample-").FullName;
    private readonly string _dataDirectory;

    public CampaignInputTests()
    {
        _dataDirectory = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        // A secret beside the data directory (reachable by "../secret.csv" if names were paths), and a data set
        // whose bad first line holds the secret (echoed if errors quoted the file).
        File.WriteAllText(Path.Combine(_root, "secret.csv"), Secret + "\n");
        File.WriteAllText(Path.Combine(_dataDirectory, "bad.csv"), Secret + "\n1,2,3\n");
        File.Copy(RepositoryFiles.CdnowSample, Path.Combine(_dataDirectory, "cdnow.txt"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("/proc/self/environ")]
    [InlineData("{root}/secret.csv")]
    public async Task PathParameter_IsNotAccepted_NoFileIsRead(string path)
    {
        using var app = NewApp();
        using var client = app.Client(SampleApp.OperatorKey);
        path = path.Replace("{root}", _root, StringComparison.Ordinal);

        var response = await client.PostAsync($"/campaigns?format=csv&path={Uri.EscapeDataString(path)}", content: null);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The transaction log is missing.", problem.GetProperty("title").GetString());
        AssertNoFileContent(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/proc/self/environ")]
    [InlineData("../secret.csv")]
    [InlineData("..\\secret.csv")]
    [InlineData("data/../../secret.csv")]
    [InlineData("{root}/secret.csv")]
    [InlineData("C:secret.csv")]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("cdnow.txt%00")]
    [InlineData("cdnow.txt ")]
    public async Task DataSetName_ShapedLikeAPath_Returns400ValidationProblem(string name)
    {
        using var app = NewApp();
        using var client = app.Client(SampleApp.OperatorKey);
        name = name.Replace("{root}", _root, StringComparison.Ordinal);

        var response = await client.PostAsync($"/campaigns/datasets/{Uri.EscapeDataString(name)}?format=csv", content: null);

        await response.ValidationProblemAsync("name");
        AssertNoFileContent(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DataSetName_OfAFileInTheDataDirectory_RunsTheCampaign()
    {
        using var app = NewApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var campaign = await (await client.PostAsync("/campaigns/datasets/cdnow.txt?format=cdnow", content: null)).JsonAsync(HttpStatusCode.OK);

        Assert.True(campaign.GetProperty("offers").GetInt32() > 0);
    }

    [Fact]
    public async Task DataSetName_NotInTheDataDirectory_Returns404Problem()
    {
        using var app = NewApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostAsync("/campaigns/datasets/secret.csv?format=csv", content: null);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DataSet_WithoutDataDirectoryConfigured_Returns404Problem()
    {
        using var app = new SampleApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostAsync("/campaigns/datasets/cdnow.txt?format=cdnow", content: null);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DataSet_WithABadLine_Returns400NamingTheLineWithoutItsContent()
    {
        using var app = NewApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostAsync("/campaigns/datasets/bad.csv?format=csv", content: null);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The transaction log is not valid.", problem.GetProperty("title").GetString());
        Assert.Equal(1, problem.GetProperty("line").GetInt64());
        AssertNoFileContent(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_WithABadHeader_Returns400WithoutItsContent()
    {
        using var app = NewApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostTextAsync("/campaigns?format=csv", $"{Secret},date,amount\nc1,2026-01-01,1\n");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        AssertNoFileContent(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_Returns413Problem()
    {
        using var app = NewApp(new() { ["Campaigns:MaxUploadBytes"] = "1000" });
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostTextAsync("/campaigns?format=csv", "customer_id,date,amount\n" + string.Concat(Enumerable.Repeat("c1,2026-01-01,1\n", 100)));

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("1")]
    [InlineData("CDNOW ")]
    public async Task Upload_UnknownFormat_Returns400ValidationProblem(string format)
    {
        using var app = NewApp();
        using var client = app.Client(SampleApp.OperatorKey);

        var response = await client.PostTextAsync($"/campaigns?format={Uri.EscapeDataString(format)}", "customer_id,date,amount\nc1,2026-01-01,1\n");

        await response.ValidationProblemAsync("format");
    }

    private SampleApp NewApp(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Campaigns:DataDirectory"] = _dataDirectory;
        return new SampleApp(settings);
    }

    private static void AssertNoFileContent(string body)
    {
        Assert.DoesNotContain("SECRET_TOKEN", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        // /proc/self/environ holds NAME=value pairs such as PATH=...: none may appear.
        Assert.DoesNotContain("PATH=", body, StringComparison.Ordinal);
        Assert.DoesNotContain("HOME=", body, StringComparison.Ordinal);
    }
}
