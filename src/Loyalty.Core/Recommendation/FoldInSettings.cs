namespace Loyalty.Core.Recommendation;

/// <summary>How a model solves for a new user's factors: the ridge penalty, and for implicit-feedback models the
/// confidence scale α (confidence 1 + α·value).</summary>
internal sealed record FoldInSettings(float Regularization, float? ImplicitAlpha);
