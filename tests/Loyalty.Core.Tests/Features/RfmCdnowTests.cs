using System.Globalization;
using Loyalty.Core.Collection;
using Loyalty.Core.Features;

namespace Loyalty.Core.Tests.Features;

/// <summary>Rebuilds the published CDNOW calibration summaries (lifetimes' files) from the raw transaction log.</summary>
public sealed class RfmCdnowTests
{
    private static readonly RfmOptions Weekly = new()
    {
        TimeUnit = TimeUnit.Week,
        CalibrationEnd = new DateTime(1997, 9, 30),
    };

    private static RfmResult SummarizeSample(RfmOptions options) => RfmSummarizer.SummarizeFile(
        TestData.Bundled("cdnow", "CDNOW_sample.txt"),
        new TransactionFileOptions { Format = TransactionFileFormat.Cdnow },
        options);

    private static Dictionary<int, string[]> ReadCsv(string file) =>
        File.ReadLines(TestData.Bundled("cdnow", file)).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture));

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void SummarizeFile_CdnowSample_MatchesPublishedFrequencyRecencyAndAgeForEveryCustomer()
    {
        var result = SummarizeSample(Weekly);
        var published = ReadCsv("cdnow_customers_summary.csv");

        Assert.Equal(2357, result.Summaries.Count);
        Assert.Equal(published.Count, result.Summaries.Count);
        foreach (var s in result.Summaries)
        {
            var row = published[int.Parse(s.CustomerId.Value, CultureInfo.InvariantCulture)];
            Assert.Equal(int.Parse(row[1], CultureInfo.InvariantCulture), s.Frequency);
            Assert.Equal(D(row[2]), Math.Round(s.Recency, 2), 1e-9);
            Assert.Equal(D(row[3]), Math.Round(s.T, 2), 1e-9);
        }
    }

    [Fact]
    public void SummarizeFile_CdnowSample_MonetaryValueMatchesZbarWithinOneCent()
    {
        var result = SummarizeSample(Weekly);
        var published = ReadCsv("cdnow_customers_summary_with_transactions.csv");

        foreach (var s in result.Summaries)
        {
            var row = published[int.Parse(s.CustomerId.Value, CultureInfo.InvariantCulture)];
            Assert.InRange(Math.Abs(s.MonetaryValue - D(row[4])), 0, 0.01 + 1e-9);
        }

        Assert.Equal(946, result.Summaries.Count(s => s.Frequency > 0));
    }

    [Fact]
    public void SummarizeFile_CdnowSample_ReportAccountsForEveryRow()
    {
        var result = SummarizeSample(Weekly with { ObservationEnd = new DateTime(1998, 6, 30) });
        var q = result.Quality;

        Assert.Equal(6919, q.RowsRead);
        Assert.Equal(0, q.RowsRejected);
        Assert.Equal(21, q.IdenticalRows); // 21 rows repeat an earlier row exactly (uniq -c on customer, date, amount)
        Assert.Equal(0, q.IdenticalRowsDropped);
        Assert.Equal(q.RowsRead, q.TransactionsUsed + q.AfterObservationEnd + q.IdenticalRowsDropped);
        Assert.All(result.Summaries, s => Assert.Equal(39.0, s.Holdout!.Value.Duration, 1e-9));
    }
}
