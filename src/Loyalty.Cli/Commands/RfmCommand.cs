using System.CommandLine;
using System.Diagnostics;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core;
using Loyalty.Core.Collection;
using Loyalty.Core.Features;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty rfm</c>: RFM summaries (lifetimes convention) from a transaction log.</summary>
internal static class RfmCommand
{
    internal static Command Create()
    {
        var input = new TransactionInputOptions(required: false);
        var store = new StoreOptions(required: false);
        var timeUnit = new Option<string>("--time-unit") { Description = "day, week or month.", Required = true };
        var output = new Option<string?>("--output") { Description = "Write the summary CSV here ('-' for stdout)." };
        var json = CommonOptions.Json();

        var command = new Command("rfm", "RFM summaries (frequency, recency, T, monetary value) from a transaction log.") { timeUnit, output, json };
        input.AddTo(command);
        store.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var unit = ParseTimeUnit(parse.GetValue(timeUnit)!);
            var transactions = input.Read(parse);
            var watch = Stopwatch.StartNew();
            RfmResult result = (transactions, store.IsGiven(parse)) switch
            {
                (null, false) => throw new UserInputException("--transactions or --store: give one of them."),
                (not null, true) => throw new UserInputException("--transactions and --store: give only one (ingest the file first with `loyalty ingest`)."),
                (not null, false) => transactions.Summarize(unit),
                (null, true) => await SummarizeStoreAsync(parse, store, input, unit, cancellationToken),
            };
            double seconds = watch.Elapsed.TotalSeconds;
            var stdout = parse.InvocationConfiguration.Output;
            string? target = parse.GetValue(output);
            if (target is not null)
            {
                using var writer = target == "-" ? null : new StreamWriter(target);
                SummaryCsvWriter.Write(writer ?? stdout, result);
            }

            if (parse.GetValue(json))
            {
                if (target == "-")
                {
                    throw new UserInputException("--output -: stdout holds the JSON object with --json; write the CSV to a file.");
                }

                CliJson.Write(stdout, ToJson(result, seconds, target));
            }
            else if (target != "-")
            {
                PrintForPeople(stdout, result, seconds, target);
            }

            return CliRunner.Success;
        });
        return command;
    }

    /// <summary>RFM computed inside the store (SQL GROUP BY); returns are left out.</summary>
    private static async Task<RfmResult> SummarizeStoreAsync(ParseResult parse, StoreOptions store, TransactionInputOptions input, TimeUnit unit, CancellationToken cancellationToken)
    {
        var (calibrationEnd, observationEnd) = input.ReadWindow(parse);
        var window = new SummaryWindow(
            calibrationEnd ?? throw new UserInputException("--calibration-end: required with --store (the store does not guess the last purchase day)."),
            observationEnd,
            unit);
        await using var opened = await store.OpenAsync(parse, null, cancellationToken);
        var summaries = new List<CustomerSummary>();
        await foreach (var summary in opened.SummarizeAsync(window, cancellationToken))
        {
            summaries.Add(summary);
        }

        return new RfmResult(summaries, window, new DataQualityReport());
    }

    private static TimeUnit ParseTimeUnit(string text)
    {
        try
        {
            return TimeUnitExtensions.Parse(text);
        }
        catch (ArgumentException)
        {
            throw new UserInputException($"--time-unit: '{text}' is not one of day, week, month.");
        }
    }

    private static object ToJson(RfmResult result, double seconds, string? output)
    {
        var q = result.Quality;
        return new
        {
            customers = result.Summaries.Count,
            transactions = q.TransactionsUsed,
            rowsRead = q.RowsRead,
            rejectedRows = q.RowsRejected,
            duplicateRows = q.DuplicateOrderIds + q.IdenticalRowsDropped,
            calibrationEnd = result.Window.CalibrationEnd.ToString("yyyy-MM-dd"),
            observationEnd = result.Window.ObservationEnd?.ToString("yyyy-MM-dd"),
            timeUnit = result.Window.Unit.ToString().ToLowerInvariant(),
            repeatCustomers = result.Summaries.Count(s => s.Frequency > 0),
            seconds,
            output,
            quality = q,
        };
    }

    private static void PrintForPeople(TextWriter stdout, RfmResult result, double seconds, string? output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect });
        var q = result.Quality;
        var window = result.Window;
        console.MarkupLine($"[bold]RFM summaries[/] — calibration ends {window.CalibrationEnd:yyyy-MM-dd}" +
            (window.ObservationEnd is { } end ? $", holdout to {end:yyyy-MM-dd}" : string.Empty) +
            $", time unit {window.Unit.ToString().ToLowerInvariant()} ({seconds:0.000} s)");

        var quality = new Table().AddColumn("data quality").AddColumn(new TableColumn("rows").RightAligned());
        void Row(string name, long value) => quality.AddRow(Markup.Escape(name), value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Row("rows read", q.RowsRead);
        Row("rejected (bad rows)", q.RowsRejected);
        Row("duplicate order ids dropped", q.DuplicateOrderIds);
        Row("identical rows (kept unless dropped)", q.IdenticalRows);
        Row("identical rows dropped", q.IdenticalRowsDropped);
        Row("returns", q.Returns);
        Row("returns netted / dropped", q.ReturnsNetted + q.ReturnsDropped);
        Row("merged into a same-day purchase", q.SameDayMerged);
        Row("after the observation end", q.AfterObservationEnd);
        Row("used in summaries", q.TransactionsUsed);
        Row("customers first seen after calibration", q.CustomersFirstSeenAfterCalibration);
        Row("customers summarised", result.Summaries.Count);
        console.Write(quality);
        foreach (var rejected in q.RejectedSamples)
        {
            console.MarkupLine($"[yellow]rejected[/] {Markup.Escape($"{rejected.Source}:{rejected.Line} {rejected.Column}: {rejected.Reason}")}");
        }

        var table = new Table().AddColumns("customer_id", "frequency", "recency", "T", "monetary_value");
        foreach (var s in result.Summaries.Take(10))
        {
            table.AddRow(Markup.Escape(s.CustomerId.Value), s.Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Recency.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), s.T.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                s.MonetaryValue.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine(output is null
            ? "First 10 customers shown; [bold]--output FILE[/] writes them all as CSV, [bold]--json[/] prints a JSON report."
            : $"Wrote {result.Summaries.Count:N0} summaries to {Markup.Escape(output)}.");
    }
}
