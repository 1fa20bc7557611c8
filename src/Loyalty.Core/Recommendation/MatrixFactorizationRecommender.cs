namespace Loyalty.Core.Recommendation;

/// <summary>Biased matrix factorization trained by SGD ("SVD" as in Surprise), with a vectorised fused kernel. The
/// default schedule visits ratings in Surprise's order; <see cref="SgdSchedule.Blocked"/> is a lock-free parallel
/// schedule (as LIBMF's FPSGD). Defaults reproduce Surprise's SVD.</summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class MatrixFactorizationRecommender : IRecommender
{
    /// <summary>Creates the recommender; the options are validated here, every problem reported at once.</summary>
    public MatrixFactorizationRecommender(MatrixFactorizationOptions? options = null)
    {
        Options = options ?? new MatrixFactorizationOptions();
        Options.Validate();
    }

    /// <summary>The settings.</summary>
    public MatrixFactorizationOptions Options { get; }

    /// <inheritdoc />
    IRecommendationModel IRecommender.Fit(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken) =>
        Fit(interactions, null, cancellationToken);

    /// <summary>Fits on explicit ratings; reports the training RMSE after each epoch when
    /// <paramref name="progress"/> is given.</summary>
    public FactorModel Fit(
        IReadOnlyList<Interaction> interactions,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var o = Options;
        var data = RatingData.Build(interactions, o.Scale, o.Duplicates, nameof(interactions));
        var random = new Random(o.Seed);
        var users = new FactorMatrix(data.Users.Count, o.Factors);
        var items = new FactorMatrix(data.Items.Count, o.Factors);
        users.FillNormal(random, 0f, o.InitStdDev);
        items.FillNormal(random, 0f, o.InitStdDev);
        var parameters = new BiasedFactors(
            data.Mean, new float[data.Users.Count], new float[data.Items.Count], users, items);
        var blocks = o.Blocks(data.Entries, data.Users.Count, data.Items.Count, random);
        BiasedSgd.Train(parameters, blocks, SgdSettings.From(o), random, data.Entries, progress, cancellationToken);
        return new FactorModel("svd", data.Users, data.Items, parameters, o.Scale, data.ByUser, new FoldInSettings(o.Regularization, null));
    }

    /// <summary>Updates a fitted model with new interactions without retraining on the old ones: SGD runs
    /// <see cref="MatrixFactorizationOptions.Epochs"/> passes over the new interactions only, starting from the
    /// fitted factors; new users and items are added. Returns a new model; <paramref name="model"/> is unchanged.</summary>
    public FactorModel PartialFit(FactorModel model, IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Clip is null || model.FoldIn.ImplicitAlpha is not null)
        {
            throw new ArgumentException($"Partial fit continues explicit-rating SGD; a '{model.Algorithm}' model cannot be updated this way.", nameof(model));
        }

        if (model.Factors != Options.Factors)
        {
            throw new ArgumentException($"The model has {model.Factors} factors; these options have {Options.Factors}.", nameof(model));
        }

        return PartialFitter.Run(model, interactions, Options, cancellationToken);
    }
}
