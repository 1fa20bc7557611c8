using BenchmarkDotNet.Attributes;
using Loyalty.Core.Numerics;
using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Benchmarks.Recommendation;

/// <summary>One SGD epoch of biased MF at 100 factors over 1 M generated ratings (20 000 users × 4 000 items: user
/// factors spill to L3). OperationsPerInvoke is the rating count, so the reported time is per rating update.
/// The vectorised kernel only; <see cref="SgdEpochSmallBenchmarks"/> compares it with the scalar loop. Run:
/// <c>dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter *SgdEpoch*</c>.</summary>
public class SgdEpochBenchmarks : SgdEpochBase
{
    /// <summary>Per rating update.</summary>
    [Benchmark(OperationsPerInvoke = 1_000_000)]
    public void Epoch() => Run();

    /// <inheritdoc />
    protected override Interaction[] Generate() => SyntheticRatings.Generate(20_000, 4_000, 1_000_000, seed: 1);
}

/// <summary>As <see cref="SgdEpochBenchmarks"/> with MovieLens-100K's shape (943 × 1 682, 100 000 ratings; factors
/// fit in L2), also running "scalar", the textbook loop on the same blocks: the "plain compiled loop" yardstick. Run: <c>dotnet run -c Release --project benchmarks/Loyalty.Core.Benchmarks -- --filter *SgdEpochSmall*</c>.</summary>
public class SgdEpochSmallBenchmarks : SgdEpochBase
{
    /// <summary>The vectorised fused kernel or the scalar reference, side by side.</summary>
    [Params("simd", "scalar")]
    public override string Kernel { get; set; } = "simd";

    /// <summary>Per rating update.</summary>
    [Benchmark(OperationsPerInvoke = 100_000)]
    public void Epoch() => Run();

    /// <inheritdoc />
    protected override Interaction[] Generate() => SyntheticRatings.Generate(943, 1682, 100_000, seed: 1);
}

/// <summary>Shared setup and epoch of the SGD benchmarks.</summary>
public abstract class SgdEpochBase
{
    private BiasedFactors _model = null!;
    private BlockedRatings _blocks = null!;

    /// <summary>Training threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>The vectorised fused kernel ("simd") or the scalar reference ("scalar").</summary>
    public virtual string Kernel { get; set; } = "simd";

    [GlobalSetup]
    public void Setup()
    {
        var data = RatingData.Build(Generate(), RatingScale.OneToFive, DuplicatePolicy.Reject, "ratings");
        var random = new Random(0);
        var users = new FactorMatrix(data.Users.Count, 100);
        var items = new FactorMatrix(data.Items.Count, 100);
        users.FillNormal(random, 0f, 0.1f);
        items.FillNormal(random, 0f, 0.1f);
        _model = new BiasedFactors(data.Mean, new float[data.Users.Count], new float[data.Items.Count], users, items);
        _blocks = BlockedRatings.Build(data.Entries, data.Users.Count, data.Items.Count, BlockedRatings.GridFor(Threads), random);
    }

    /// <summary>The ratings to train on.</summary>
    protected abstract Interaction[] Generate();

    /// <summary>One epoch over all blocks.</summary>
    protected void Run()
    {
        if (Kernel == "simd")
        {
            BiasedSgd.Train(_model, _blocks, 1, 0.005f, 1f, 0.02f, 0.02f, true, Threads, new Random(1), null, null, default);
            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Threads };
        for (int d = 0; d < _blocks.Grid; d++)
        {
            Parallel.For(0, _blocks.Grid, parallel, b => ScalarBlock(_blocks.OnDiagonal(d, b)));
        }
    }

    private void ScalarBlock(RatingEntry[] block)
    {
        const float lr = 0.005f, reg = 0.02f;
        foreach (var e in block)
        {
            var p = _model.Users.Row(e.User);
            var q = _model.Items.Row(e.Item);
            float error = DotKernels.FusedSgdScalar(p[..100], q[..100], e.Value, _model.Mean + _model.UserBias[e.User] + _model.ItemBias[e.Item], lr, reg);
            _model.UserBias[e.User] += lr * (error - (reg * _model.UserBias[e.User]));
            _model.ItemBias[e.Item] += lr * (error - (reg * _model.ItemBias[e.Item]));
        }
    }
}
