using System.CommandLine;
using System.Globalization;
using Loyalty.Cli.Demo;
using Loyalty.Cli.Infrastructure;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty demo</c>: the whole library on a simulated shop, from an embedded SQLite store to an HTML report.</summary>
internal static class DemoCommand
{
    internal static Command Create()
    {
        var customers = new Option<int>("--customers") { Description = "Customers to simulate (about 20 transactions each).", DefaultValueFactory = _ => 50_000 };
        var store = new Option<string?>("--store") { Description = "sqlite:PATH (default loyalty-demo.db next to the report, recreated each run) or memory (no store)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Recreate the --store file when it holds an earlier demo run (a file the demo did not make is never touched)." };
        var report = new Option<string>("--report") { Description = "The HTML report to write.", DefaultValueFactory = _ => "report.html" };
        var budget = new Option<double?>("--budget") { Description = "Campaign budget in money (default: 1 per customer)." };
        var segments = new Option<int>("--segments") { Description = "Segments (k-means k).", DefaultValueFactory = _ => 4 };
        var rounds = new Option<int>("--rounds") { Description = "Bandit rounds to simulate.", DefaultValueFactory = _ => 30 };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var command = new Command("demo", "Runs the whole pipeline on a simulated shop stored in SQLite and writes an HTML report.")
        {
            customers, store, overwrite, report, budget, segments, rounds, seed, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string reportPath = parse.GetValue(report)!;
            var options = new DemoOptions
            {
                Customers = parse.GetValue(customers),
                Seed = parse.GetValue(seed) ?? 42,
                ReportPath = reportPath,
                StorePath = StorePath(parse.GetValue(store), reportPath),
                // The default store beside the report belongs to the demo, so re-running the README's command recreates
                // it; a path the user names is recreated only when asked. A file the demo did not make never is.
                Overwrite = parse.GetValue(overwrite) || parse.GetValue(store) is null,
                Budget = parse.GetValue(budget),
                Segments = parse.GetValue(segments),
                Rounds = parse.GetValue(rounds),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UserInputException(ex.Message);
            }

            var runner = new DemoRunner(options);
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (parse.GetValue(json))
            {
                var result = await DemoConsole.RunPlainAsync(runner, stderr, cancellationToken).ConfigureAwait(false);
                CliJson.Write(stdout, DemoConsole.Json(result));
                return CliRunner.Success;
            }

            bool live = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stdout),
                Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = live ? InteractionSupport.Yes : InteractionSupport.No,
            });
            if (!live)
            {
                console.Profile.Width = 120; // redirected output has no terminal width; 80 columns would wrap the tables
            }

            var demo = live
                ? await DemoConsole.RunWithBarsAsync(runner, console, cancellationToken).ConfigureAwait(false)
                : await DemoConsole.RunPlainAsync(runner, stderr, cancellationToken).ConfigureAwait(false);
            DemoConsole.PrintTables(console, demo);
            return CliRunner.Success;
        });
        return command;
    }

    /// <summary>"memory" for no store; "sqlite:PATH" for a file; by default loyalty-demo.db beside the report.</summary>
    private static string? StorePath(string? option, string reportPath)
    {
        if (option is null)
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(string.IsNullOrWhiteSpace(reportPath) ? "." : reportPath)) ?? ".";
            return Path.Combine(folder, "loyalty-demo.db");
        }

        if (option.Trim().Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (option.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return option["sqlite:".Length..];
        }

        throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--store: '{option}' is not sqlite:PATH or memory."));
    }
}
