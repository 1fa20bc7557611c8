using Loyalty.Core.Validation;

namespace Loyalty.Core.Recommendation;

/// <summary>Neighbourhood similarity for <see cref="KnnRecommender"/>, computed over co-rated entries.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum KnnSimilarity
{
    /// <summary>Cosine of the co-rated ratings.</summary>
    Cosine = 0,

    /// <summary>Pearson correlation of the co-rated ratings.</summary>
    Pearson = 1,
}

/// <summary>Settings of <see cref="KnnRecommender"/> (Surprise's KNNWithMeans prediction rule).</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record KnnOptions
{
    /// <summary>True: neighbours are users who rated the item; false (default): items the user rated.</summary>
    public bool UserBased { get; init; }

    /// <summary>The similarity measure (default Pearson).</summary>
    public KnnSimilarity Similarity { get; init; } = KnnSimilarity.Pearson;

    /// <summary>Shrinkage β: similarities are multiplied by (n − 1) / (n − 1 + β) for n co-rated entries, so pairs
    /// with little overlap count less (default 100, as Surprise's pearson_baseline; 0 disables).</summary>
    public float Shrinkage { get; init; } = 100f;

    /// <summary>Most neighbours used per prediction (default 40).</summary>
    public int K { get; init; } = 40;

    /// <summary>Fewest neighbours needed; below it the prediction is the mean (default 1).</summary>
    public int MinK { get; init; } = 1;

    /// <summary>The rating scale (default 1–5).</summary>
    public RatingScale Scale { get; init; } = RatingScale.OneToFive;

    /// <summary>Repeated (user, item) pairs (default <see cref="DuplicatePairPolicy.Reject"/>).</summary>
    public DuplicatePairPolicy Duplicates { get; init; } = DuplicatePairPolicy.Reject;

    /// <summary>The most memory a fit may need for its dense similarity statistics: 28 bytes per pair of rows (items,
    /// or users when <see cref="UserBased"/>), so n rows need 28·n² bytes. A fit over more rows is refused before
    /// anything is allocated.</summary>
    /// <value>The default value is 4 GiB (about 12,000 rows). Independently of it, n² must fit in one array, so
    /// at most 46,340 rows are possible.</value>
    public long MaxMemoryBytes { get; init; } = KnnLimits.DefaultMaxMemoryBytes;

    internal void Validate()
    {
        var v = new OptionsValidator(nameof(KnnOptions));
        v.Require(MaxMemoryBytes > 0, nameof(MaxMemoryBytes), $"must be positive (was {MaxMemoryBytes})");
        v.Defined(nameof(Similarity), Similarity);
        v.NonNegative(nameof(Shrinkage), Shrinkage);
        v.AtLeast(nameof(K), K, 1);
        if (v.AtLeast(nameof(MinK), MinK, 1))
        {
            v.Require(MinK <= K, nameof(MinK), $"must not exceed K (was {MinK} and K {K})");
        }

        Scale.Collect(v.Nested(nameof(Scale)));
        v.Defined(nameof(Duplicates), Duplicates);
        v.ThrowIfInvalid();
    }
}
