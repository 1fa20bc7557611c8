// The README's quick start as a program: RFM summaries and named segments for the bundled CDNOW sample.
// Run from the repository root: dotnet run --project samples/QuickStart
using Loyalty.Core;
using Loyalty.Core.Collection;
using Loyalty.Core.Features;

string log = args.Length > 0 ? args[0] : Path.Combine("tests", "data", "cdnow", "CDNOW_sample.txt");
var options = new RfmOptions
{
    TimeUnit = TimeUnit.Week,
    CalibrationEnd = new DateTime(1997, 9, 30),
    ObservationEnd = new DateTime(1998, 6, 30),
    Cleaning = new CleaningPolicy { Returns = ReturnPolicy.Net, MaxRejectedRows = 100 },
};

RfmResult rfm = RfmSummarizer.SummarizeFile(log, new TransactionFileOptions { Format = TransactionFileFormat.Cdnow }, options);
Console.WriteLine($"{rfm.Summaries.Count} customers from {rfm.Quality.RowsRead} rows; " +
    $"{rfm.Quality.RowsRejected} rejected, {rfm.Quality.SameDayMerged} merged into same-day purchases");

var scores = RfmScoring.Score(rfm.Summaries);
foreach (var group in scores.GroupBy(s => s.Segment).OrderByDescending(g => g.Count()))
{
    Console.WriteLine($"{group.Key,-20} {group.Count(),5} customers");
}
