using Loyalty.Core.Validation;

namespace Loyalty.Core.Recommendation;

/// <summary>Settings of <see cref="BaselineRecommender"/>; the defaults are Surprise's BaselineOnly (ALS) defaults.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record BaselineOptions
{
    /// <summary>Alternating passes (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Shrinkage of user biases towards 0 (default 15).</summary>
    public float UserRegularization { get; init; } = 15f;

    /// <summary>Shrinkage of item biases towards 0 (default 10).</summary>
    public float ItemRegularization { get; init; } = 10f;

    /// <summary>The rating scale (default 1–5).</summary>
    public RatingScale Scale { get; init; } = RatingScale.OneToFive;

    /// <summary>Repeated (user, item) pairs (default <see cref="DuplicatePairPolicy.Reject"/>).</summary>
    public DuplicatePairPolicy Duplicates { get; init; } = DuplicatePairPolicy.Reject;

    internal void Validate()
    {
        var v = new OptionsValidator(nameof(BaselineOptions));
        v.AtLeast(nameof(Epochs), Epochs, 1);
        v.NonNegative(nameof(UserRegularization), UserRegularization);
        v.NonNegative(nameof(ItemRegularization), ItemRegularization);
        Scale.Collect(v.Nested(nameof(Scale)));
        v.Defined(nameof(Duplicates), Duplicates);
        v.ThrowIfInvalid();
    }
}
