using BenchmarkDotNet.Attributes;
using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Benchmarks.Recommendation;

/// <summary>One SGD epoch of biased MF at 100 factors over synthetic ratings; divide by the rating count (reported
/// as OperationsPerInvoke) for the time per rating update. Run:
/// <c>dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter *SgdEpoch*</c>.</summary>
[MemoryDiagnoser]
public class SgdEpochBenchmarks
{
    private const int Ratings = 1_000_000;
    private BiasedFactors _model = null!;
    private BlockedRatings _blocks = null!;

    /// <summary>Training threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = RatingData.Build(
            SyntheticRatings.Generate(20_000, 4_000, Ratings, seed: 1), RatingScale.OneToFive, DuplicatePolicy.Reject, "x");
        var random = new Random(0);
        var users = new FactorMatrix(data.Users.Count, 100);
        var items = new FactorMatrix(data.Items.Count, 100);
        users.FillNormal(random, 0f, 0.1f);
        items.FillNormal(random, 0f, 0.1f);
        _model = new BiasedFactors(data.Mean, new float[data.Users.Count], new float[data.Items.Count], users, items);
        _blocks = BlockedRatings.Build(data.Entries, data.Users.Count, data.Items.Count, BlockedRatings.GridFor(Threads), random);
    }

    [Benchmark(OperationsPerInvoke = Ratings)]
    public void Epoch() =>
        BiasedSgd.Train(_model, _blocks, 1, 0.005f, 1f, 0.02f, 0.02f, true, Threads, new Random(1), null, null, default);
}
