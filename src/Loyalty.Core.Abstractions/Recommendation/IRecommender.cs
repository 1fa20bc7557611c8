namespace Loyalty.Core;

/// <summary>One observed preference: an explicit rating, or an implicit signal (purchases, clicks) as its strength.</summary>
/// <param name="User">The user (customer) key.</param>
/// <param name="Item">The item key.</param>
/// <param name="Value">The rating or the implicit strength.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct Interaction(string User, string Item, float Value);

/// <summary>An item with its score, for top-N lists.</summary>
/// <param name="Item">The item key.</param>
/// <param name="Score">Predicted rating or preference; higher is better.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct ScoredItem(string Item, float Score);

/// <summary>Fits a recommendation model.</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface IRecommender
{
    /// <summary>Fits on observed interactions.</summary>
    IRecommendationModel Fit(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default);
}

/// <summary>A fitted recommendation model; immutable and safe to share between threads.</summary>
/// <remarks>Thread safety: each implementation states its own guarantee.</remarks>
public interface IRecommendationModel
{
    /// <summary>Predicted rating or preference of <paramref name="user"/> for <paramref name="item"/>; unknown users
    /// or items fall back to the model's baseline, never NaN.</summary>
    float Predict(string user, string item);

    /// <summary>The <paramref name="count"/> best items for a user, excluding items the user has already interacted
    /// with, best first.</summary>
    IReadOnlyList<ScoredItem> RecommendTop(string user, int count);
}
