namespace Loyalty.Core.Recommendation;

/// <summary>User-based or item-based k-nearest-neighbours with mean-centred aggregation (Surprise's KNNWithMeans):
/// r̂ = mean_x + Σ_{k best positive neighbours} sim·(r − mean_y) / Σ sim.</summary>
/// <remarks>Thread safety: holds no mutable state; safe to call from several threads at once.</remarks>
public sealed class KnnRecommender : IRecommender
{
    /// <summary>Creates the recommender; the options are validated here, every problem reported at once.</summary>
    public KnnRecommender(KnnOptions? options = null)
    {
        Options = options ?? new KnnOptions();
        Options.Validate();
    }

    /// <summary>The settings.</summary>
    public KnnOptions Options { get; }

    /// <inheritdoc />
    IRecommendationModel IRecommender.Fit(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken) =>
        Fit(interactions, cancellationToken);

    /// <summary>Computes the similarity matrix and the means.</summary>
    /// <exception cref="ArgumentException">The interactions are invalid, or they have more items (users when
    /// <see cref="KnnOptions.UserBased"/>) than a dense similarity matrix can hold: more than 46,340, or more than
    /// <see cref="KnnOptions.MaxMemoryBytes"/> allows. The message names the count and the limit.</exception>
    public KnnModel Fit(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        var data = RatingData.Build(interactions, Options.Scale, Options.Duplicates, nameof(interactions));
        KnnLimits.EnsureFits(Options.UserBased ? data.Users.Count : data.Items.Count, Options.UserBased ? "users" : "items", Options.MaxMemoryBytes, nameof(interactions));
        cancellationToken.ThrowIfCancellationRequested();
        var byItem = SparseRows.FromEntries(data.Items.Count, data.Entries, byUser: false);
        var (rows, columns) = Options.UserBased ? (data.ByUser, byItem) : (byItem, data.ByUser);
        float[] similarity = SimilarityMatrix.Compute(rows, columns, Options.Similarity, Options.Shrinkage);
        return new KnnModel(data, byItem, similarity, Options);
    }
}
