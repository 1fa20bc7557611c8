namespace Loyalty.Core.Recommendation.Evaluation;

/// <summary>One train/test split of interactions.</summary>
/// <param name="Train">What the model is fitted on.</param>
/// <param name="Test">What it is scored on.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RatingSplit(IReadOnlyList<Interaction> Train, IReadOnlyList<Interaction> Test);
