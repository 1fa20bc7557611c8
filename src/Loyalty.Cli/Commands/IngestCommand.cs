using System.CommandLine;
using System.Diagnostics;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core;
using Loyalty.Core.Collection;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty ingest</c>: a transaction log into a store, idempotently (re-running adds nothing).</summary>
internal static class IngestCommand
{
    internal static Command Create()
    {
        var input = new TransactionInputOptions(required: true);
        var store = new StoreOptions(required: true);
        var batch = new Option<int>("--batch") { Description = "Transactions per committed batch.", DefaultValueFactory = _ => 50_000 };
        var json = CommonOptions.Json();
        var command = new Command("ingest", "Loads a transaction log into a store; batches commit atomically and re-running inserts nothing new.") { batch, json };
        input.AddTo(command);
        store.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var transactions = input.Read(parse)!;
            int batchSize = parse.GetValue(batch);
            if (batchSize < 1)
            {
                throw new UserInputException($"--batch: must be at least 1; got {batchSize}.");
            }

            // Returns are data to keep: the store holds them and `rfm --store` leaves them out of the summaries.
            var policy = transactions.Rfm.Cleaning with { Returns = ReturnPolicy.Keep };
            var source = new TransactionFileSource(transactions.Path, transactions.File, policy);
            var watch = Stopwatch.StartNew();
            await using var opened = await store.OpenAsync(parse, batchSize, cancellationToken);
            var result = await opened.AppendAsync(source.ReadAsync(cancellationToken), progress: null, cancellationToken);
            double seconds = watch.Elapsed.TotalSeconds;
            long rejected = source.LastReport?.RowsRejected ?? 0;
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                CliJson.Write(stdout, new
                {
                    read = result.Read + rejected,
                    inserted = result.Inserted,
                    duplicates = result.Duplicates,
                    rejected,
                    erased = result.Erased,
                    seconds,
                    pseudonymised = opened.Pseudonymizes,
                    quality = source.LastReport,
                });
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect });
                console.MarkupLine($"[bold]Ingested[/] {result.Read + rejected:N0} rows in {seconds:0.00} s: {result.Inserted:N0} new, {result.Duplicates:N0} already stored, {rejected:N0} rejected, {result.Erased:N0} skipped (customer erased).");
                if (!opened.Pseudonymizes)
                {
                    console.MarkupLine($"Customer ids are stored in clear; set [bold]${StoreOptions.DefaultKeyVariable}[/] (or --key-env) to pseudonymise them.");
                }
            }

            return CliRunner.Success;
        });
        return command;
    }
}
