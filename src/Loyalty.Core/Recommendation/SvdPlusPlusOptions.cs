using Loyalty.Core.Validation;

namespace Loyalty.Core.Recommendation;

/// <summary>Settings of <see cref="SvdPlusPlusRecommender"/>; the defaults are Surprise's SVDpp defaults.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record SvdPlusPlusOptions
{
    /// <summary>Latent factors (default 20).</summary>
    public int Factors { get; init; } = 20;

    /// <summary>Passes over the ratings (default 20).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>SGD step size (default 0.007).</summary>
    public float LearningRate { get; init; } = 0.007f;

    /// <summary>L2 regularization of biases, factors and implicit factors (default 0.02).</summary>
    public float Regularization { get; init; } = 0.02f;

    /// <summary>Standard deviation of the N(0, σ) initialisation of p, q and y (default 0.1).</summary>
    public float InitStdDev { get; init; } = 0.1f;

    /// <summary>The rating scale (default 1–5).</summary>
    public RatingScale Scale { get; init; } = RatingScale.OneToFive;

    /// <summary>Repeated (user, item) pairs (default <see cref="DuplicatePairPolicy.Reject"/>).</summary>
    public DuplicatePairPolicy Duplicates { get; init; } = DuplicatePairPolicy.Reject;

    /// <summary>Seed of the initialisation and the user order (default 0).</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        var v = new OptionsValidator(nameof(SvdPlusPlusOptions));
        v.AtLeast(nameof(Factors), Factors, 1);
        v.AtLeast(nameof(Epochs), Epochs, 1);
        v.Positive(nameof(LearningRate), LearningRate);
        v.NonNegative(nameof(Regularization), Regularization);
        v.NonNegative(nameof(InitStdDev), InitStdDev);
        Scale.Collect(v.Nested(nameof(Scale)));
        v.Defined(nameof(Duplicates), Duplicates);
        v.ThrowIfInvalid();
    }
}
