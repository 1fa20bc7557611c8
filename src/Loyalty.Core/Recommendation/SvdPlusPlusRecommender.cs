using System.Globalization;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Recommendation;

/// <summary>SVD++ (Koren 2008) with Surprise's update rules: prediction μ + b_u + b_i + q_i·(p_u + |N(u)|^−½ Σ y_j),
/// every y_j of the user stepped after each of the user's ratings.</summary>
/// <remarks>Surprise touches all |N(u)| implicit rows per rating (O(|N(u)|·k)). Here a user's ratings are visited
/// together, and because every y_j of the user receives the same step c_t = γe·q_i/√|N(u)| and the same decay
/// s = 1 − γλ, the running implicit sum z = |N(u)|^−½ Σ y_j follows z ← s·z + γe·q_i exactly, and the y_j are
/// brought up to date once per user as y_j ← s^n·y_j + Σ_t s^(n−1−t)·c_t. Same arithmetic, O(k) per rating.
/// Training is single-threaded: y rows are shared by all users who rated the item.
/// Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class SvdPlusPlusRecommender : IRecommender
{
    /// <summary>Creates the recommender; the options are validated here, every problem reported at once.</summary>
    public SvdPlusPlusRecommender(SvdPlusPlusOptions? options = null)
    {
        Options = options ?? new SvdPlusPlusOptions();
        Options.Validate();
    }

    /// <summary>The settings.</summary>
    public SvdPlusPlusOptions Options { get; }

    /// <inheritdoc />
    IRecommendationModel IRecommender.Fit(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken) =>
        Fit(interactions, null, cancellationToken);

    /// <summary>Fits; the returned model carries p_u + |N(u)|^−½ Σ y_j as each user's vector.</summary>
    public FactorModel Fit(
        IReadOnlyList<Interaction> interactions,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var o = Options;
        var data = RatingData.Build(interactions, o.Scale, o.Duplicates, nameof(interactions));
        var random = new Random(o.Seed);
        int users = data.Users.Count;
        int items = data.Items.Count;
        var p = new FactorMatrix(users, o.Factors);
        var q = new FactorMatrix(items, o.Factors);
        var y = new FactorMatrix(items, o.Factors);
        p.FillNormal(random, 0f, o.InitStdDev);
        q.FillNormal(random, 0f, o.InitStdDev);
        y.FillNormal(random, 0f, o.InitStdDev);
        var bu = new float[users];
        var bi = new float[items];
        int[] userOrder = BlockedRatings.Permutation(users, random);
        var trainer = new Trainer(data, p, q, y, bu, bi, o);
        string advice = string.Create(
            CultureInfo.InvariantCulture,
            $"lower LearningRate (was {o.LearningRate:G6}) or raise Regularization (was {o.Regularization:G6})");
        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            foreach (int u in userOrder)
            {
                cancellationToken.ThrowIfCancellationRequested();
                trainer.User(u);
            }

            DivergenceGuard.AfterEpoch(
                "svdpp", epoch, o.Epochs, trainer.Rmse, "RMSE", nameof(SvdPlusPlusOptions.LearningRate), advice,
                DivergenceGuard.Of("user factor", p), DivergenceGuard.Of("item factor", q), DivergenceGuard.Of("implicit factor", y),
                ("user bias", bu), ("item bias", bi));
            if (progress is not null)
            {
                double rmse = trainer.Rmse();
                DivergenceGuard.CheckLoss("svdpp", epoch, o.Epochs, rmse, "RMSE", nameof(SvdPlusPlusOptions.LearningRate), advice);
                progress.Report(new TrainingProgress(epoch, o.Epochs, rmse));
            }
        }

        // Fold the implicit term into the user vectors: the model then predicts like plain biased MF.
        var effective = new FactorMatrix(users, o.Factors);
        for (int u = 0; u < users; u++)
        {
            trainer.ImplicitSum(u, effective.Row(u));
            DotKernels.Axpy(1f, p.Row(u), effective.Row(u));
        }

        var parameters = new BiasedFactors(data.Mean, bu, bi, effective, q);
        return new FactorModel("svdpp", data.Users, data.Items, parameters, o.Scale, data.ByUser, new FoldInSettings(o.Regularization, null));
    }

    /// <summary>The per-user SGD pass and its scratch vectors.</summary>
    private sealed class Trainer(RatingData data, FactorMatrix p, FactorMatrix q, FactorMatrix y, float[] bu, float[] bi, SvdPlusPlusOptions o)
    {
        private readonly float[] _z = new float[p.Stride];
        private readonly float[] _c = new float[p.Stride];
        private readonly float[] _sum = new float[p.Stride];

        internal void User(int u)
        {
            var items = data.ByUser.ColumnsOf(u);
            var values = data.ByUser.ValuesOf(u);
            float lr = o.LearningRate;
            float reg = o.Regularization;
            float shrink = 1f - (lr * reg);
            float invSqrt = 1f / MathF.Sqrt(items.Length);
            ImplicitSum(u, _z);
            Array.Clear(_c);
            float decay = 1f;
            var pu = p.Row(u);
            for (int n = 0; n < items.Length; n++)
            {
                int i = items[n];
                var qi = q.Row(i);
                pu.CopyTo(_sum);
                DotKernels.Axpy(1f, _z, _sum); // p_u + z, the user's effective vector before this step
                float error = values[n] - (data.Mean + bu[u] + bi[i] + DotKernels.Dot(qi, _sum));
                bu[u] += lr * (error - (reg * bu[u]));
                bi[i] += lr * (error - (reg * bi[i]));
                float gain = lr * error;
                DotKernels.ScaleAdd(_c, shrink, gain * invSqrt, qi);
                DotKernels.ScaleAdd(_z, shrink, gain, qi);
                DotKernels.ScaleAdd(pu, shrink, gain, qi);
                DotKernels.ScaleAdd(qi, shrink, gain, _sum);
                decay *= shrink;
            }

            foreach (int j in items)
            {
                DotKernels.ScaleAdd(y.Row(j), decay, 1f, _c);
            }
        }

        /// <summary>|N(u)|^−½ Σ_{j∈N(u)} y_j into <paramref name="target"/>.</summary>
        internal void ImplicitSum(int u, Span<float> target)
        {
            var items = data.ByUser.ColumnsOf(u);
            target.Clear();
            foreach (int j in items)
            {
                DotKernels.Axpy(1f, y.Row(j), target);
            }

            float invSqrt = 1f / MathF.Sqrt(Math.Max(1, items.Length));
            DotKernels.ScaleAdd(target, invSqrt, 0f, target);
        }

        internal double Rmse()
        {
            double sum = 0;
            for (int u = 0; u < data.Users.Count; u++)
            {
                ImplicitSum(u, _sum);
                DotKernels.Axpy(1f, p.Row(u), _sum);
                var items = data.ByUser.ColumnsOf(u);
                var values = data.ByUser.ValuesOf(u);
                for (int n = 0; n < items.Length; n++)
                {
                    double e = values[n] - (data.Mean + bu[u] + bi[items[n]] + DotKernels.Dot(q.Row(items[n]), _sum));
                    sum += e * e;
                }
            }

            return Math.Sqrt(sum / data.Entries.Length);
        }
    }
}
