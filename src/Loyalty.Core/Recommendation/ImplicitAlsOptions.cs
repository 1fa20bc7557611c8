using Loyalty.Core.Validation;

namespace Loyalty.Core.Recommendation;

/// <summary>Settings of <see cref="ImplicitAlsRecommender"/> (implicit feedback: purchases, clicks, plays).</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ImplicitAlsOptions
{
    /// <summary>Latent factors (default 64).</summary>
    public int Factors { get; init; } = 64;

    /// <summary>Alternating passes, each solving all users then all items (default 15).</summary>
    public int Iterations { get; init; } = 15;

    /// <summary>L2 regularization λ (default 0.01).</summary>
    public float Regularization { get; init; } = 0.01f;

    /// <summary>Confidence scale: an observed strength r gives confidence 1 + α·r (default 1).</summary>
    public float Alpha { get; init; } = 1f;

    /// <summary>Conjugate-gradient steps per row solve, warm-started from the previous pass (default 3, as in the
    /// implicit library; more steps approach the exact least-squares solution).</summary>
    public int ConjugateGradientSteps { get; init; } = 3;

    /// <summary>Standard deviation of the N(0, σ) initialisation (default 0.01).</summary>
    public float InitStdDev { get; init; } = 0.01f;

    /// <summary>Repeated (user, item) pairs (default <see cref="DuplicatePairPolicy.Sum"/>: each purchase adds).</summary>
    public DuplicatePairPolicy Duplicates { get; init; } = DuplicatePairPolicy.Sum;

    /// <summary>Seed of the initialisation (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>Threads for the row solves (default 1). Rows are solved independently, so the result does not
    /// depend on the thread count.</summary>
    public int Threads { get; init; } = 1;

    internal void Validate()
    {
        var v = new OptionsValidator(nameof(ImplicitAlsOptions));
        v.AtLeast(nameof(Factors), Factors, 1);
        v.AtLeast(nameof(Iterations), Iterations, 1);
        v.Positive(nameof(Regularization), Regularization);
        v.Positive(nameof(Alpha), Alpha);
        v.AtLeast(nameof(ConjugateGradientSteps), ConjugateGradientSteps, 1);
        v.NonNegative(nameof(InitStdDev), InitStdDev);
        v.AtLeast(nameof(Threads), Threads, 1);
        v.Defined(nameof(Duplicates), Duplicates);
        v.ThrowIfInvalid();
    }
}
