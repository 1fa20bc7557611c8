using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Loyalty.Core.Collection;
using Loyalty.Core.Features;

namespace Loyalty.Core.Benchmarks.Features;

/// <summary>
/// CSV → RFM on a generated 10 M-row log, one thread, and the stages on their own so the note can say where the
/// time goes: splitting records, parsing fields, and the whole path (interning ids, grouping, reducing).
/// Run: dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter '*CsvToRfm*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CsvToRfmBenchmarks
{
    private string _path = string.Empty;

    /// <summary>Rows in the generated log.</summary>
    [Params(10_000_000)]
    public long Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _path = TransactionLogGenerator.EnsureFile(Rows, customers: 1_000_000);

    [Benchmark(Description = "split records only")]
    public long SplitRecords()
    {
        using var reader = new Utf8RecordReader(File.OpenRead(_path));
        long fields = 0;
        while (reader.Read())
        {
            fields += reader.FieldCount;
        }

        return fields;
    }

    [Benchmark(Description = "split + parse fields")]
    public decimal ParseRows()
    {
        using var rows = new TransactionFileSource(_path).OpenRows();
        decimal total = 0;
        while (rows.Read())
        {
            total += rows.Amount;
        }

        return total;
    }

    [Benchmark(Baseline = true, Description = "CSV → RFM summaries")]
    public int CsvToRfm() =>
        RfmSummarizer.SummarizeFile(_path, null, new RfmOptions { TimeUnit = TimeUnit.Week, CalibrationEnd = new DateTime(2024, 6, 30) })
            .Summaries.Count;
}
