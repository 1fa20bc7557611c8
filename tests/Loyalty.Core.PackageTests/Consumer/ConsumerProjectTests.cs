using System.Diagnostics;
using System.Text.Json;
using Loyalty.Core.PackageTests.Packaging;
using Xunit.Abstractions;

namespace Loyalty.Core.PackageTests.Consumer;

/// <summary>A new user's first hour: a fresh project references the packed Loyalty.Core, builds the guide's program
/// and runs it; and the packed tool installs and runs. One restore and one build each.</summary>
[Collection(SharedPack.Name)]
public sealed class ConsumerProjectTests(PackedPackages packed, ITestOutputHelper log)
{
    [Fact]
    public void GettingStartedDoc_FirstPipeline_IsACompleteProgramOfAtMost20Lines()
    {
        var program = GettingStartedDoc.FirstPipeline();
        Assert.InRange(program.Count, 5, 20);
        Assert.Contains(program, l => l.Contains("LoyaltyPipeline.CreateBuilder()", StringComparison.Ordinal));
    }

    [Fact]
    public void FirstPipeline_FreshProjectOnPackedPackages_BuildsRunsAndReportsTheSample()
    {
        var core = packed.Get("Loyalty.Core");
        var consumer = ConsumerProject.Create(Path.Combine(packed.Root, "consumer"), packed.Feed, core.Id, core.Version, GettingStartedDoc.FirstPipeline());
        CdnowOrders.Write(Path.Combine(consumer.Directory, "orders.csv"));

        var watch = Stopwatch.StartNew();
        DotnetCli.Run(consumer.Directory, ["restore", "-nodeReuse:false"], consumer.Environment);
        var restored = watch.Elapsed;
        DotnetCli.Run(consumer.Directory, ["build", "-c", "Release", "--no-restore", "-nodeReuse:false"], consumer.Environment);
        var built = watch.Elapsed;
        string output = DotnetCli.Run(consumer.Directory, [Path.Combine("bin", "Release", "net10.0", "Consumer.dll")], consumer.Environment);
        log.WriteLine($"pack {packed.PackTime.TotalSeconds:0.0} s, restore {restored.TotalSeconds:0.0} s, build {(built - restored).TotalSeconds:0.0} s, run {(watch.Elapsed - built).TotalSeconds:0.0} s");
        log.WriteLine(output);

        // Our packages came from the packed folder, not from the repository or any cache.
        Assert.Equal(Path.GetFullPath(packed.Feed), Path.GetFullPath(consumer.SourceOf("Loyalty.Core", core.Version)));
        Assert.Equal(Path.GetFullPath(packed.Feed), Path.GetFullPath(consumer.SourceOf("Loyalty.Core.Abstractions", core.Version)));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith($"{CdnowOrders.Customers} customers worth ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("; 0 rows rejected", lines[0], StringComparison.Ordinal);
        var segments = lines.Where(l => l.StartsWith("segment ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, segments.Length);
        Assert.Equal(CdnowOrders.Customers, segments.Sum(l => int.Parse(l.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[1-9]\d* offers, expected cost \d+\.\d\d of 500$"));
        Assert.InRange(lines.Count(l => l.StartsWith("offer to ", StringComparison.Ordinal)), 1, 3);
    }

    [Fact]
    public void CliTool_InstalledFromPackedFolder_RunsRfmWithJson()
    {
        var cli = packed.Get("Loyalty.Cli");
        string toolPath = Path.Combine(packed.Root, "tools");
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(packed.Root, "tool-packages") };
        DotnetCli.Run(packed.Root, ["tool", "install", cli.Id, "--version", cli.Version, "--tool-path", toolPath, "--source", packed.Feed], environment);

        string json = RunTool(Path.Combine(toolPath, "loyalty"),
            "rfm", "--transactions", Repository.PathOf("tests", "data", "cdnow", "CDNOW_sample.txt"), "--format", "cdnow", "--time-unit", "week", "--json");

        using var result = JsonDocument.Parse(json);
        Assert.Equal(CdnowOrders.Customers, result.RootElement.GetProperty("customers").GetInt32());
    }

    private static string RunTool(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"loyalty {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
