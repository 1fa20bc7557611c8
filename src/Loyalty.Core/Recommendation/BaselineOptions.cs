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

    /// <summary>Repeated (user, item) pairs (default <see cref="DuplicatePolicy.Reject"/>).</summary>
    public DuplicatePolicy Duplicates { get; init; } = DuplicatePolicy.Reject;

    internal void Validate()
    {
        var problems = new List<string>();
        OptionChecks.AtLeast(problems, nameof(Epochs), Epochs, 1);
        OptionChecks.NonNegative(problems, nameof(UserRegularization), UserRegularization);
        OptionChecks.NonNegative(problems, nameof(ItemRegularization), ItemRegularization);
        if (!Scale.IsValid)
        {
            problems.Add("Scale must have finite Min < Max");
        }

        if (!Enum.IsDefined(Duplicates))
        {
            problems.Add($"Duplicates is not a defined policy (was {(int)Duplicates})");
        }

        OptionChecks.ThrowIfAny(problems, "options");
    }
}
