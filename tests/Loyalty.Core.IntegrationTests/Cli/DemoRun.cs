using System.Text.Json;

namespace Loyalty.Core.Tests.Cli;

/// <summary>One small demo run (800 customers, SQLite store) shared by the demo tests, so the suite pays for it once.</summary>
internal static class DemoRun
{
    private static readonly Lazy<Result> Shared = new(() => Run("demo-shared", 800, seed: 7, sqlite: true));

    internal sealed record Result(string Folder, string Report, string Store, int Exit, string Stdout, string Stderr)
    {
        internal JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    internal static Result Small => Shared.Value;

    /// <summary>A new folder under the temp directory, deleted when the test process exits (the stores are tens of MB).</summary>
    internal static string NewFolder(string name)
    {
        string folder = Path.Combine(Path.GetTempPath(), "loyalty-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a file still open is left for the temp cleaner.
            }
        };
        return folder;
    }

    internal static Result Run(string name, int customers, int seed, bool sqlite)
    {
        string folder = NewFolder(name);
        string report = Path.Combine(folder, "report.html");
        string store = Path.Combine(folder, "demo.db");
        var (exit, stdout, stderr) = CliHarness.Run(
            ["demo", "--customers", customers.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--store", sqlite ? "sqlite:" + store : "memory", "--report", report, "--json"]);
        return new Result(folder, report, store, exit, stdout, stderr);
    }
}
