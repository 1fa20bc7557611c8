using System.CommandLine;
using Loyalty.Cli.Datasets;
using Loyalty.Core;
using Loyalty.Core.Collection;
using Loyalty.Core.Features;

namespace Loyalty.Cli.Infrastructure;

/// <summary>A transaction log to summarise: the file and how to read and clean it.</summary>
/// <param name="Path">The file.</param>
/// <param name="File">Its layout.</param>
/// <param name="Rfm">Window and cleaning rules (the caller sets the time unit).</param>
internal sealed record TransactionInput(string Path, TransactionFileOptions File, RfmOptions Rfm)
{
    /// <summary>Summarises the log with <paramref name="unit"/> as the time unit.</summary>
    internal RfmResult Summarize(TimeUnit unit) => RfmSummarizer.SummarizeFile(Path, File, Rfm with { TimeUnit = unit });
}

/// <summary>
/// The options that read and summarise a transaction log, shared by every command that accepts one (<c>rfm</c>,
/// <c>clv fit --transactions</c>), so they are spelt and validated the same way everywhere. The time unit is left
/// to the command, which may already have its own.
/// </summary>
internal sealed class TransactionInputOptions
{
    private readonly Option<FileInfo?> _transactions;
    private readonly Option<string> _format = new("--format") { Description = "csv or cdnow.", DefaultValueFactory = _ => "csv" };
    private readonly Option<string> _customerColumn = new("--customer-column") { Description = "Customer id column.", DefaultValueFactory = _ => "customer_id" };
    private readonly Option<string> _dateColumn = new("--date-column") { Description = "Date column.", DefaultValueFactory = _ => "date" };
    private readonly Option<string> _amountColumn = new("--amount-column") { Description = "Amount column.", DefaultValueFactory = _ => "amount" };
    private readonly Option<string?> _orderColumn = new("--order-column") { Description = "Order id column (duplicate orders are dropped)." };
    private readonly Option<char> _delimiter = new("--delimiter") { Description = "CSV field delimiter.", DefaultValueFactory = _ => ',' };
    private readonly Option<string[]> _dateFormat = new("--date-format") { Description = ".NET date format(s); default ISO 8601 or yyyyMMdd.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _calibrationEnd = new("--calibration-end") { Description = "Last calibration day (YYYY-MM-DD); default: the last purchase day." };
    private readonly Option<string?> _observationEnd = new("--observation-end") { Description = "Last holdout day (YYYY-MM-DD); adds holdout columns." };
    private readonly Option<string> _returns = new("--returns") { Description = "Negative amounts: reject, drop, keep or net.", DefaultValueFactory = _ => "reject" };
    private readonly Option<string> _identical = new("--identical-rows") { Description = "Rows repeating another exactly: report or drop.", DefaultValueFactory = _ => "report" };
    private readonly Option<long> _maxRejected = new("--max-rejected") { Description = "Bad rows to reject and report before failing (0: the first bad row fails).", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _earliestDate = new("--earliest-date") { Description = "Rows dated before this day (YYYY-MM-DD) are rejected as implausible.", DefaultValueFactory = _ => "1900-01-01" };
    private readonly Option<string> _latestDate = new("--latest-date") { Description = "Rows dated after this day (YYYY-MM-DD) are rejected as implausible (e.g. 9999-12-31 placeholders).", DefaultValueFactory = _ => "2199-12-31" };
    private readonly Option<decimal> _maxAmount = new("--max-amount") { Description = "Rows whose absolute amount is above this are rejected as implausible (at most 1e15).", DefaultValueFactory = _ => 1_000_000_000_000m };

    internal TransactionInputOptions(bool required) =>
        _transactions = new Option<FileInfo?>("--transactions") { Description = "Transaction log (CSV with a header, or CDNOW text; or dataset:cdnow/CDNOW_master.txt).", Required = required, CustomParser = DatasetPath.ParseFile };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    internal void AddTo(Command command)
    {
        foreach (Option option in new Option[]
        {
            _transactions, _format, _customerColumn, _dateColumn, _amountColumn, _orderColumn, _delimiter, _dateFormat,
            _calibrationEnd, _observationEnd, _returns, _identical, _maxRejected, _earliestDate, _latestDate, _maxAmount,
        })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The calibration and observation ends, which also apply to summaries read from a store.</summary>
    internal (DateTime? CalibrationEnd, DateTime? ObservationEnd) ReadWindow(ParseResult parse) =>
        (CommonOptions.ParseDate(parse.GetValue(_calibrationEnd), "--calibration-end"),
         CommonOptions.ParseDate(parse.GetValue(_observationEnd), "--observation-end"));

    /// <summary>The parsed input, or null when <c>--transactions</c> was not given.</summary>
    /// <exception cref="UserInputException">A value is invalid or the file does not exist; the message names the option.</exception>
    internal TransactionInput? Read(ParseResult parse)
    {
        var path = parse.GetValue(_transactions);
        if (path is null)
        {
            return null;
        }

        if (!path.Exists)
        {
            throw new UserInputException($"--transactions: file '{path.FullName}' does not exist.");
        }

        decimal maxAmount = parse.GetValue(_maxAmount);
        if (maxAmount <= 0m || maxAmount > 1_000_000_000_000_000m)
        {
            throw new UserInputException($"--max-amount: must be above 0 and at most 1e15; got {maxAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        var file = new TransactionFileOptions
        {
            Format = CommonOptions.Choice(parse.GetValue(_format)!, "--format", "csv", "cdnow") == "cdnow" ? TransactionFileFormat.Cdnow : TransactionFileFormat.Csv,
            CustomerColumn = parse.GetValue(_customerColumn)!,
            DateColumn = parse.GetValue(_dateColumn)!,
            AmountColumn = parse.GetValue(_amountColumn),
            OrderIdColumn = parse.GetValue(_orderColumn),
            Delimiter = parse.GetValue(_delimiter),
            DateFormats = parse.GetValue(_dateFormat) is { Length: > 0 } formats ? formats : null,
        };
        var rfm = new RfmOptions
        {
            CalibrationEnd = CommonOptions.ParseDate(parse.GetValue(_calibrationEnd), "--calibration-end"),
            ObservationEnd = CommonOptions.ParseDate(parse.GetValue(_observationEnd), "--observation-end"),
            Cleaning = new CleaningPolicy
            {
                Returns = Enum.Parse<ReturnPolicy>(CommonOptions.Choice(parse.GetValue(_returns)!, "--returns", "reject", "drop", "keep", "net"), ignoreCase: true),
                ContentDuplicates = Enum.Parse<IdenticalRowPolicy>(CommonOptions.Choice(parse.GetValue(_identical)!, "--identical-rows", "report", "drop"), ignoreCase: true),
                MaxRejectedRows = parse.GetValue(_maxRejected),
                EarliestDate = CommonOptions.ParseDate(parse.GetValue(_earliestDate), "--earliest-date") ?? new DateTime(1900, 1, 1),
                LatestDate = CommonOptions.ParseDate(parse.GetValue(_latestDate), "--latest-date") ?? new DateTime(2199, 12, 31),
                MaxAbsoluteAmount = maxAmount,
            },
        };
        return new TransactionInput(path.FullName, file, rfm);
    }
}
