namespace Loyalty.Core.Recommendation;

/// <summary>The baseline predictor μ + b_u + b_i, biases fitted by alternating least squares (Koren 2010; Surprise's
/// BaselineOnly): b_i = Σ(r − μ − b_u) / (λ_i + |U_i|), then b_u = Σ(r − μ − b_i) / (λ_u + |I_u|).</summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class BaselineRecommender : IRecommender
{
    /// <summary>Creates the recommender; the options are validated here, every problem reported at once.</summary>
    public BaselineRecommender(BaselineOptions? options = null)
    {
        Options = options ?? new BaselineOptions();
        Options.Validate();
    }

    /// <summary>The settings.</summary>
    public BaselineOptions Options { get; }

    /// <inheritdoc />
    IRecommendationModel IRecommender.Fit(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken) =>
        Fit(interactions, cancellationToken);

    /// <summary>Fits the biases; the model has no latent factors.</summary>
    public FactorModel Fit(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        var data = RatingData.Build(interactions, Options.Scale, Options.Duplicates, nameof(interactions));
        var (bu, bi) = Biases(data, Options.Epochs, Options.UserRegularization, Options.ItemRegularization, cancellationToken);
        var parameters = new BiasedFactors(data.Mean, bu, bi, new FactorMatrix(data.Users.Count, 0), new FactorMatrix(data.Items.Count, 0));
        return new FactorModel("baseline", data.Users, data.Items, parameters, Options.Scale, data.ByUser, new FoldInSettings(Options.UserRegularization, null));
    }

    internal static (float[] UserBias, float[] ItemBias) Biases(
        RatingData data, int epochs, float userRegularization, float itemRegularization, CancellationToken cancellationToken)
    {
        var byItem = SparseRows.FromEntries(data.Items.Count, data.Entries, byUser: false);
        var bu = new float[data.Users.Count];
        var bi = new float[data.Items.Count];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Solve(byItem, bi, bu, data.Mean, itemRegularization);
            Solve(data.ByUser, bu, bi, data.Mean, userRegularization);
            DivergenceGuard.AfterEpoch(
                "baseline", epoch + 1, epochs, () => Rmse(data, bu, bi), "RMSE", nameof(BaselineOptions.Scale),
                "the ratings are too large for float arithmetic: rescale them", ("user bias", bu), ("item bias", bi));
        }

        return (bu, bi);
    }

    private static double Rmse(RatingData data, float[] bu, float[] bi)
    {
        double sum = 0;
        foreach (var e in data.Entries)
        {
            double d = e.Value - ((double)data.Mean + bu[e.User] + bi[e.Item]);
            sum += d * d;
        }

        return Math.Sqrt(sum / Math.Max(1, data.Entries.Length));
    }

    /// <summary>Each row's bias given the other side's biases: a shrunk mean of the residuals.</summary>
    private static void Solve(SparseRows rows, float[] target, float[] other, float mean, float regularization)
    {
        for (int r = 0; r < rows.RowCount; r++)
        {
            var columns = rows.ColumnsOf(r);
            var values = rows.ValuesOf(r);
            double sum = 0;
            for (int n = 0; n < columns.Length; n++)
            {
                sum += values[n] - mean - other[columns[n]];
            }

            target[r] = (float)(sum / (regularization + columns.Length));
        }
    }
}
