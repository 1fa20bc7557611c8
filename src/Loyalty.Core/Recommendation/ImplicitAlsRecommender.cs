using System.Globalization;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Recommendation;

/// <summary>Implicit-feedback matrix factorization (Hu, Koren &amp; Volinsky 2008): every user-item cell has preference
/// 1 if observed else 0 and confidence 1 + α·strength; users and items are solved in turn by weighted least squares,
/// each row by a few conjugate-gradient steps. For purchase and click data; scores are preferences, not ratings.</summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class ImplicitAlsRecommender : IRecommender
{
    /// <summary>Creates the recommender; the options are validated here, every problem reported at once.</summary>
    public ImplicitAlsRecommender(ImplicitAlsOptions? options = null)
    {
        Options = options ?? new ImplicitAlsOptions();
        Options.Validate();
    }

    /// <summary>The settings.</summary>
    public ImplicitAlsOptions Options { get; }

    /// <inheritdoc />
    IRecommendationModel IRecommender.Fit(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken) =>
        Fit(interactions, null, cancellationToken);

    /// <summary>Fits on implicit strengths (all &gt; 0); reports the mean weighted squared error per pass.</summary>
    public FactorModel Fit(
        IReadOnlyList<Interaction> interactions,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var o = Options;
        var data = RatingData.Build(interactions, null, o.Duplicates, nameof(interactions), positive: true);
        var byItem = SparseRows.FromEntries(data.Items.Count, data.Entries, byUser: false);
        var random = new Random(o.Seed);
        var users = new FactorMatrix(data.Users.Count, o.Factors);
        var items = new FactorMatrix(data.Items.Count, o.Factors);
        users.FillNormal(random, 0f, o.InitStdDev);
        items.FillNormal(random, 0f, o.InitStdDev);
        var gram = new FactorMatrix(o.Factors, o.Factors);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.Threads, CancellationToken = cancellationToken };
        string advice = string.Create(
            CultureInfo.InvariantCulture,
            $"lower Alpha (was {o.Alpha:G6}) or raise Regularization (was {o.Regularization:G6}), or scale the interaction strengths down");
        for (int iteration = 1; iteration <= o.Iterations; iteration++)
        {
            SolveSide(users, items, data.ByUser, gram, parallel);
            SolveSide(items, users, byItem, gram, parallel);
            DivergenceGuard.AfterEpoch(
                "als", iteration, o.Iterations, () => Loss(users, items, data.ByUser, gram), "loss", nameof(ImplicitAlsOptions.Alpha), advice,
                DivergenceGuard.Of("user factor", users), DivergenceGuard.Of("item factor", items));
            if (progress is not null)
            {
                double loss = Loss(users, items, data.ByUser, gram);
                DivergenceGuard.CheckLoss("als", iteration, o.Iterations, loss, "loss", nameof(ImplicitAlsOptions.Alpha), advice);
                progress.Report(new TrainingProgress(iteration, o.Iterations, loss));
            }
        }

        var parameters = new BiasedFactors(0f, new float[data.Users.Count], new float[data.Items.Count], users, items);
        return new FactorModel("als", data.Users, data.Items, parameters, null, data.ByUser, new FoldInSettings(o.Regularization, o.Alpha));
    }

    private void SolveSide(FactorMatrix target, FactorMatrix other, SparseRows rows, FactorMatrix gram, ParallelOptions parallel)
    {
        Gram(other, gram);
        var o = Options;
        Parallel.For(
            0,
            target.Rows,
            parallel,
            () => new ConjugateGradientSolver(target.Stride),
            (row, _, solver) =>
            {
                solver.Solve(target.Row(row), gram, other, rows.ColumnsOf(row), rows.ValuesOf(row), o.Alpha, o.Regularization, o.ConjugateGradientSteps);
                return solver;
            },
            _ => { });
    }

    /// <summary>YᵀY into <paramref name="gram"/> (k×k).</summary>
    internal static void Gram(FactorMatrix y, FactorMatrix gram)
    {
        int k = gram.Rows;
        for (int a = 0; a < k; a++)
        {
            gram.Row(a).Clear();
        }

        var columns = new float[k][];
        for (int a = 0; a < k; a++)
        {
            columns[a] = new float[y.Rows];
            for (int r = 0; r < y.Rows; r++)
            {
                columns[a][r] = y.Row(r)[a];
            }
        }

        for (int a = 0; a < k; a++)
        {
            for (int b = a; b < k; b++)
            {
                float v = DotKernels.Dot(columns[a], columns[b]);
                gram.Row(a)[b] = v;
                gram.Row(b)[a] = v;
            }
        }

    }

    /// <summary>Mean over all user × item cells of c·(p − x·y)², using Σ_all (x·y)² = xᵀ(YᵀY)x so unobserved cells
    /// cost nothing.</summary>
    private double Loss(FactorMatrix users, FactorMatrix items, SparseRows byUser, FactorMatrix gram)
    {
        Gram(items, gram);
        var gx = new float[users.Stride];
        double total = 0;
        for (int u = 0; u < users.Rows; u++)
        {
            var x = users.Row(u);
            for (int f = 0; f < gram.Rows; f++)
            {
                gx[f] = DotKernels.Dot(gram.Row(f), x);
            }

            total += DotKernels.Dot(x, gx);
            var columns = byUser.ColumnsOf(u);
            var values = byUser.ValuesOf(u);
            for (int n = 0; n < columns.Length; n++)
            {
                double s = DotKernels.Dot(x, items.Row(columns[n]));
                double c = 1.0 + (Options.Alpha * values[n]);
                total += (c * (1 - s) * (1 - s)) - (s * s);
            }
        }

        return total / ((double)users.Rows * items.Rows);
    }
}
