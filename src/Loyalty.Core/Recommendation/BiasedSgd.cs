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

/// <summary>Surprise's SVD update rule run over a blocked schedule. Per rating:
/// e = r − (μ + b_u + b_i + q_i·p_u); b_u += γ(e − λ_b b_u); b_i += γ(e − λ_b b_i); then p_u and q_i are updated
/// together from their old values by the fused kernel.</summary>
internal static class BiasedSgd
{
    /// <summary>How many ratings ahead the item and user rows are prefetched: far enough to cover an L3 access.</summary>
    private const int Lookahead = 4;

    internal static void Train(
        BiasedFactors model,
        BlockedRatings blocks,
        int epochs,
        float learningRate,
        float learningRateDecay,
        float regularization,
        float biasRegularization,
        bool useBiases,
        int threads,
        Random random,
        Func<double>? loss,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        int grid = blocks.Grid;
        float rate = learningRate;
        var biases = new PaddedBiases(model, threads == 1 || grid == 1 ? 1 : PaddedBiases.CacheLineFloats);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            // The order of the diagonals changes every epoch; which thread runs which block never matters.
            int[] diagonals = BlockedRatings.Permutation(grid, random);
            foreach (int d in diagonals)
            {
                cancellationToken.ThrowIfCancellationRequested();
                float r = rate;
                if (threads == 1 || grid == 1)
                {
                    for (int b = 0; b < grid; b++)
                    {
                        UpdateBlock(blocks.OnDiagonal(d, b), model, biases, r, regularization, biasRegularization, useBiases);
                    }
                }
                else
                {
                    Parallel.For(0, grid, parallel, b =>
                        UpdateBlock(blocks.OnDiagonal(d, b), model, biases, r, regularization, biasRegularization, useBiases));
                }
            }

            rate *= learningRateDecay;
            biases.CopyTo(model);
            if (progress is not null && loss is not null)
            {
                progress.Report(new TrainingProgress(epoch, epochs, loss()));
            }
        }
    }

    /// <summary>The hot loop: one fused dot product, the bias steps and one fused factor step per rating.</summary>
    internal static void UpdateBlock(
        RatingEntry[] block, BiasedFactors model, PaddedBiases biases, float learningRate, float regularization,
        float biasRegularization, bool useBiases)
    {
        float mean = model.Mean;
        float[] bu = biases.Users;
        float[] bi = biases.Items;
        int stride = biases.Stride;
        FactorMatrix users = model.Users;
        FactorMatrix items = model.Items;
        float shrink = 1f - (learningRate * regularization);
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

            ref float userBias = ref bu[e.User * stride];
            ref float itemBias = ref bi[e.Item * stride];
            float error = DotKernels.FusedSgd(
                users.Row(e.User), items.Row(e.Item), e.Value, mean + userBias + itemBias, learningRate, shrink);
            if (useBiases)
            {
                userBias += learningRate * (error - (biasRegularization * userBias));
                itemBias += learningRate * (error - (biasRegularization * itemBias));
            }
        }
    }

    /// <summary>RMSE of the current parameters on the given ratings (unclipped).</summary>
    internal static double Rmse(BiasedFactors model, RatingEntry[] entries)
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

/// <summary>Training copies of the biases, one per 64-byte cache line: neighbouring users (or items) usually sit in
/// blocks run by different threads, and packed biases would make those threads write the same line at every rating
/// (false sharing). One thread keeps them packed (stride 1), which is kinder to its cache. Copied back into the
/// model after each epoch.</summary>
internal sealed class PaddedBiases
{
    internal const int CacheLineFloats = 16;

    internal PaddedBiases(BiasedFactors model, int stride)
    {
        Stride = stride;
        Users = Spread(model.UserBias);
        Items = Spread(model.ItemBias);
    }

    internal int Stride { get; }

    internal float[] Users { get; }

    internal float[] Items { get; }

    internal void CopyTo(BiasedFactors model)
    {
        for (int u = 0; u < model.UserBias.Length; u++)
        {
            model.UserBias[u] = Users[u * Stride];
        }

        for (int i = 0; i < model.ItemBias.Length; i++)
        {
            model.ItemBias[i] = Items[i * Stride];
        }
    }

    private float[] Spread(float[] packed)
    {
        var spread = new float[packed.Length * Stride];
        for (int n = 0; n < packed.Length; n++)
        {
            spread[n * Stride] = packed[n];
        }

        return spread;
    }
}
