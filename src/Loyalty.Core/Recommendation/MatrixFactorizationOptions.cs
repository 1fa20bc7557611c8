using Loyalty.Core.Validation;

namespace Loyalty.Core.Recommendation;

/// <summary>Settings of <see cref="MatrixFactorizationRecommender"/>. The defaults are Surprise's SVD defaults.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record MatrixFactorizationOptions
{
    /// <summary>Latent factors per user and item (default 100).</summary>
    public int Factors { get; init; } = 100;

    /// <summary>Passes over the training ratings (default 20).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>SGD step size γ (default 0.005).</summary>
    public float LearningRate { get; init; } = 0.005f;

    /// <summary>L2 regularization λ of the factors (default 0.02).</summary>
    public float Regularization { get; init; } = 0.02f;

    /// <summary>L2 regularization of the biases; null means <see cref="Regularization"/>.</summary>
    public float? BiasRegularization { get; init; }

    /// <summary>Multiplies the learning rate after each epoch (default 1: constant, as Surprise).</summary>
    public float LearningRateDecay { get; init; } = 1f;

    /// <summary>Standard deviation of the N(0, σ) factor initialisation (default 0.1).</summary>
    public float InitStdDev { get; init; } = 0.1f;

    /// <summary>Whether to learn user and item biases (default true, the "biased SVD").</summary>
    public bool UseBiases { get; init; } = true;

    /// <summary>The rating scale: inputs outside it are rejected, predictions are clipped to it (default 1–5).</summary>
    public RatingScale Scale { get; init; } = RatingScale.OneToFive;

    /// <summary>Repeated (user, item) pairs (default <see cref="DuplicatePairPolicy.Reject"/>).</summary>
    public DuplicatePairPolicy Duplicates { get; init; } = DuplicatePairPolicy.Reject;

    /// <summary>Seed of the initialisation and the shuffles (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>The order ratings are visited in (default <see cref="SgdSchedule.Sequential"/>, Surprise's order).
    /// <see cref="SgdSchedule.Blocked"/> is the parallel FPSGD schedule.</summary>
    public SgdSchedule Schedule { get; init; } = SgdSchedule.Sequential;

    /// <summary>Training threads (default 1); more than 1 needs <see cref="Schedule"/> =
    /// <see cref="SgdSchedule.Blocked"/>. Every schedule is deterministic for a seed; the blocked one gives identical
    /// results for 1–4 threads and is reproducible for a seed and thread count beyond.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The visiting order for these options: Surprise's single sequence, or the FPSGD grid.</summary>
    internal BlockedRatings Blocks(RatingEntry[] entries, int users, int items, Random random) =>
        Schedule == SgdSchedule.Sequential
            ? BlockedRatings.Sequential(entries, users)
            : BlockedRatings.Build(entries, users, items, BlockedRatings.GridFor(Threads), random);

    /// <summary>Every problem with the settings, in one exception.</summary>
    internal void Validate()
    {
        var v = new OptionsValidator(nameof(MatrixFactorizationOptions));
        v.AtLeast(nameof(Factors), Factors, 0);
        v.AtLeast(nameof(Epochs), Epochs, 1);
        v.Positive(nameof(LearningRate), LearningRate);
        v.NonNegative(nameof(Regularization), Regularization);
        if (BiasRegularization is { } br)
        {
            v.NonNegative(nameof(BiasRegularization), br);
        }

        v.InRangeExclusiveMin(nameof(LearningRateDecay), LearningRateDecay, 0, 1);
        v.NonNegative(nameof(InitStdDev), InitStdDev);
        Scale.Collect(v.Nested(nameof(Scale)));
        v.Defined(nameof(Duplicates), Duplicates);
        v.AtLeast(nameof(Threads), Threads, 1);
        if (v.Defined(nameof(Schedule), Schedule))
        {
            v.Require(Threads <= 1 || Schedule != SgdSchedule.Sequential, nameof(Schedule),
                $"must be Blocked when Threads > 1 (was Sequential with Threads {Threads}): the Sequential schedule is one ordered pass");
        }

        v.ThrowIfInvalid();
    }
}
