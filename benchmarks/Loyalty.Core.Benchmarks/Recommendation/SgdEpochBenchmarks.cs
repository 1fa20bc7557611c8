using BenchmarkDotNet.Attributes;
using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Benchmarks.Recommendation;

/// <summary>One SGD epoch of biased MF at 100 factors over 1 M generated ratings (20 000 users × 4 000 items: user
/// factors spill to L3), blocked schedule on 1 and 2 threads. OperationsPerInvoke is the rating count, so the
/// reported time is per rating update. Run:
/// <c>dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter *SgdEpochBenchmarks*</c>.</summary>
public class SgdEpochBenchmarks : SgdEpochBase
{
    /// <summary>Training threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Per rating update.</summary>
    [Benchmark(OperationsPerInvoke = 1_000_000)]
    public void Epoch() => Run(Threads);

    /// <inheritdoc />
    protected override Interaction[] Generate() => SyntheticRatings.Generate(20_000, 4_000, 1_000_000, seed: 1);

    /// <inheritdoc />
    private protected override BlockedRatings Blocks(RatingData data, Random random) =>
        BlockedRatings.Build(data.Entries, data.Users.Count, data.Items.Count, BlockedRatings.GridFor(Threads), random);
}

/// <summary>One epoch with MovieLens-100K's shape (943 × 1 682, 100 000 generated ratings; factors fit in L2) on one
/// thread: the vectorised kernel or the scalar transcription of Surprise's loop ("scalar", the "plain compiled loop"
/// yardstick), on the blocked schedule or Surprise's sequential order. Run:
/// <c>dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter *SgdEpochSmall*</c>.</summary>
public class SgdEpochSmallBenchmarks : SgdEpochBase
{
    /// <summary>The vectorised fused kernel or the scalar reference, side by side.</summary>
    [Params("simd", "scalar")]
    public string Kernel { get; set; } = "simd";

    /// <summary>The visiting order.</summary>
    [Params(SgdSchedule.Blocked, SgdSchedule.Sequential)]
    public SgdSchedule Schedule { get; set; }

    /// <summary>Per rating update.</summary>
    [Benchmark(OperationsPerInvoke = 100_000)]
    public void Epoch()
    {
        if (Kernel == "simd")
        {
            Run(1);
        }
        else
        {
            RunScalar();
        }
    }

    /// <inheritdoc />
    protected override Interaction[] Generate() => SyntheticRatings.Generate(943, 1682, 100_000, seed: 1);

    /// <inheritdoc />
    private protected override BlockedRatings Blocks(RatingData data, Random random) => Schedule == SgdSchedule.Sequential
        ? BlockedRatings.Sequential(data.Entries, data.Users.Count)
        : BlockedRatings.Build(data.Entries, data.Users.Count, data.Items.Count, BlockedRatings.GridFor(1), random);
}

/// <summary>Shared setup and epoch of the SGD benchmarks: the augmented training rows are built once, so an
/// invocation is the epoch alone.</summary>
public abstract class SgdEpochBase
{
    private const float LearningRate = 0.005f;
    private const float Regularization = 0.02f;
    private AugmentedFactors _model = null!;
    private BlockedRatings _blocks = null!;
    private SgdLanes[] _lanes = null!;
    private int[] _diagonals = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = RatingData.Build(Generate(), RatingScale.OneToFive, DuplicatePairPolicy.Reject, "ratings");
        var random = new Random(0);
        var users = new FactorMatrix(data.Users.Count, 100);
        var items = new FactorMatrix(data.Items.Count, 100);
        users.FillNormal(random, 0f, 0.1f);
        items.FillNormal(random, 0f, 0.1f);
        _blocks = Blocks(data, random);
        var model = new BiasedFactors(data.Mean, new float[data.Users.Count], new float[data.Items.Count], users, items);
        _model = AugmentedFactors.From(model, _blocks.UserLabel, _blocks.ItemLabel);
        _lanes = [new SgdLanes(100, _model.Stride, LearningRate, Regularization, Regularization, useBiases: true)];
        _diagonals = BlockedRatings.Permutation(_blocks.Grid, random);
    }

    /// <summary>The ratings to train on.</summary>
    protected abstract Interaction[] Generate();

    /// <summary>The visiting order.</summary>
    private protected abstract BlockedRatings Blocks(RatingData data, Random random);

    /// <summary>One epoch with the vectorised kernel.</summary>
    protected void Run(int threads) => BiasedSgd.Run(_model, _blocks, _lanes, _diagonals, threads, default);

    /// <summary>One epoch with the scalar transcription of Surprise's loop, same order, one thread.</summary>
    protected void RunScalar()
    {
        foreach (int d in _diagonals)
        {
            for (int b = 0; b < _blocks.Grid; b++)
            {
                foreach (var e in _blocks.OnDiagonal(d, b))
                {
                    BiasedSgdKernel.StepScalar(
                        _model.Users.Row(e.User), _model.Items.Row(e.Item), 100, e.Value, _model.Mean, LearningRate, Regularization, Regularization, true);
                }
            }
        }
    }
}
