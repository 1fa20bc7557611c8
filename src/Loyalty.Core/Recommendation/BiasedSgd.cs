using System.Runtime.CompilerServices;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Recommendation;

/// <summary>The parameters biased SGD trains in place: mean, biases and factor rows.</summary>
internal sealed class BiasedFactors(float mean, float[] userBias, float[] itemBias, FactorMatrix users, FactorMatrix items)
{
    internal float Mean { get; } = mean;

    internal float[] UserBias { get; } = userBias;

    internal float[] ItemBias { get; } = itemBias;

    internal FactorMatrix Users { get; } = users;

    internal FactorMatrix Items { get; } = items;

    internal float PredictRaw(int user, int item) =>
        Mean + UserBias[user] + ItemBias[item] + DotKernels.Dot(Users.Row(user), Items.Row(item));
}

/// <summary>Surprise's SVD update rule run over a schedule of rating blocks (<see cref="BlockedRatings"/>): per rating
/// e = r − (μ + b_u + b_i + q_i·p_u); b_u += γ(e − λ_b b_u); b_i += γ(e − λ_b b_i); p_u and q_i updated together from
/// their old values. Training works on the augmented rows of <see cref="AugmentedFactors"/> and writes the result
/// back into the model at the end.</summary>
internal static class BiasedSgd
{
    /// <summary>How many ratings ahead the item and user rows are prefetched: far enough to cover an L3 access.</summary>
    private const int Lookahead = 4;

    /// <summary>Runs <see cref="SgdSettings.Epochs"/> epochs. <paramref name="random"/> draws the order of the block
    /// diagonals, one permutation per epoch, all before training starts. Epochs run one at a time: after each, the
    /// parameters are screened (<see cref="DivergenceGuard"/>) and, with <paramref name="progress"/>, the RMSE on
    /// <paramref name="entries"/> is reported.</summary>
    /// <exception cref="TrainingDivergedException">A factor or bias became NaN, infinite or huge, or the RMSE is
    /// not finite.</exception>
    internal static void Train(
        BiasedFactors model,
        BlockedRatings blocks,
        SgdSettings settings,
        Random random,
        RatingEntry[] entries,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var augmented = AugmentedFactors.From(model, blocks.UserLabel, blocks.ItemLabel);
        int grid = blocks.Grid;
        int epochs = settings.Epochs;
        float[] rates = settings.RatePerEpoch();
        var lanes = new SgdLanes[epochs];
        var diagonals = new int[epochs * grid];
        for (int e = 0; e < epochs; e++)
        {
            lanes[e] = new SgdLanes(
                augmented.Factors, augmented.Stride, rates[e], settings.Regularization, settings.BiasRegularization, settings.UseBiases);
            BlockedRatings.Permutation(grid, random).CopyTo(diagonals, e * grid);
        }

        string advice = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"lower LearningRate (was {settings.LearningRate:G6}) or raise Regularization (was {settings.Regularization:G6})");
        for (int e = 0; e < epochs; e++)
        {
            // The blocked schedule's result does not depend on how far threads run ahead, so stopping at each
            // epoch's end changes no value, only lets the check see a finished epoch.
            Run(augmented, blocks, lanes[e..(e + 1)], diagonals[(e * grid)..((e + 1) * grid)], settings.Threads, cancellationToken);
            DivergenceGuard.AfterEpoch(
                "svd", e + 1, epochs, () => Rmse(augmented, entries), "RMSE", nameof(MatrixFactorizationOptions.LearningRate), advice,
                DivergenceGuard.Of("user factor", augmented.Users), DivergenceGuard.Of("item factor", augmented.Items));
            if (progress is not null)
            {
                double rmse = Rmse(augmented, entries);
                DivergenceGuard.CheckLoss("svd", e + 1, epochs, rmse, "RMSE", nameof(MatrixFactorizationOptions.LearningRate), advice);
                progress.Report(new TrainingProgress(e + 1, epochs, rmse));
            }
        }

        augmented.CopyTo(model);
    }

    /// <summary>Runs the steps of <paramref name="diagonals"/> (one per diagonal, <c>Grid</c> per epoch, epoch e
    /// stepping with <paramref name="lanes"/>[e]) on up to <paramref name="threads"/> threads.</summary>
    internal static void Run(
        AugmentedFactors model, BlockedRatings blocks, SgdLanes[] lanes, int[] diagonals, int threads, CancellationToken cancellationToken)
    {
        int grid = blocks.Grid;
        DiagonalScheduler.Run(
            grid,
            diagonals,
            threads,
            (step, rowBlock) => UpdateBlock(blocks.OnDiagonal(diagonals[step], rowBlock), model, lanes[step / grid]),
            cancellationToken);
    }

    /// <summary>The hot loop: one fused step per rating on the augmented rows.</summary>
    /// <remarks>Compiled optimised at once: the blocked schedule calls it once per block (1 280 times for MovieLens
    /// u1), and with tiered compilation every call would start in unoptimised code, where the vector kernel is not
    /// inlined, until the method is promoted.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void UpdateBlock(RatingEntry[] block, AugmentedFactors model, SgdLanes lanes)
    {
        float mean = model.Mean;
        FactorMatrix users = model.Users;
        FactorMatrix items = model.Items;
        for (int n = 0; n < block.Length; n++)
        {
            var e = block[n];
            if (n + Lookahead < block.Length)
            {
                // Interleaved streams switch user at almost every rating, and on large data the user rows do not
                // fit in L2: prefetching both rows cut the 1 M-rating epoch from ≈ 61 to ≈ 21 ns per update.
                var ahead = block[n + Lookahead];
                items.Prefetch(ahead.Item);
                users.Prefetch(ahead.User);
            }

            BiasedSgdKernel.Step(users.Row(e.User), items.Row(e.Item), e.Value, mean, lanes);
        }
    }

    /// <summary>RMSE of the current parameters on the given ratings (unclipped).</summary>
    internal static double Rmse(AugmentedFactors model, RatingEntry[] entries)
    {
        double sum = 0;
        foreach (var e in entries)
        {
            double d = e.Value - model.PredictRaw(e.User, e.Item);
            sum += d * d;
        }

        return Math.Sqrt(sum / Math.Max(1, entries.Length));
    }
}
