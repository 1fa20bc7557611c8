using System.Text.Json;

namespace Loyalty.Core.Tests.Cli;

public sealed class UpliftCommandTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"uplift-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Uplift_NoFeatureColumns_QiniAndAuucAreNull()
    {
        File.WriteAllText(_path, "arm,bought\nt,1\nt,1\nt,0\nc,0\nc,1\nc,0\n");
        var (exit, stdout, _) = CliHarness.Run("uplift", "--input", _path, "--treatment-column", "arm", "--treatment", "t",
            "--control", "c", "--outcome-column", "bought", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(1.0 / 3, json.RootElement.GetProperty("uplift").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("qini").ValueKind);
    }

    [Theory]
    [InlineData("arm,bought\nt,1\nt,x\nc,0\nc,1\n", "bought", "t", "line 3")]
    [InlineData("arm,bought\nt,1\nt,0\nc,0\nc,1\n", "spend", "t", "'spend'")]
    [InlineData("arm,bought\nt,1\nt,0\nc,0\nc,1\n", "bought", "treated", "'treated'")]
    public void Uplift_BadInput_ExitsTwoWithOneLineNamingTheProblem(string csv, string outcome, string treatment, string named)
    {
        File.WriteAllText(_path, csv);
        var (exit, stdout, stderr) = CliHarness.Run("uplift", "--input", _path, "--treatment-column", "arm", "--treatment", treatment,
            "--control", "c", "--outcome-column", outcome, "--json");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Uplift_MissingFile_ExitsTwoNamingTheOption()
    {
        var (exit, _, stderr) = CliHarness.Run("uplift", "--input", _path + ".missing", "--treatment-column", "a", "--treatment", "t",
            "--control", "c", "--outcome-column", "y");

        Assert.Equal(2, exit);
        Assert.Contains("--input", stderr, StringComparison.Ordinal);
    }
}
