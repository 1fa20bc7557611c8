using Loyalty.Core.Validation;

namespace Loyalty.Core.Recommendation;

/// <summary>The declared range of explicit ratings: inputs outside it are rejected and predictions are clipped to
/// it.</summary>
/// <param name="Min">The lowest valid rating.</param>
/// <param name="Max">The highest valid rating.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct RatingScale(float Min, float Max)
{
    /// <summary>The 1–5 star scale (MovieLens, Surprise's default).</summary>
    public static RatingScale OneToFive => new(1f, 5f);

    /// <summary>Whether <paramref name="value"/> lies within the scale (inclusive).</summary>
    public bool Contains(float value) => value >= Min && value <= Max;

    /// <summary><paramref name="value"/> clipped to the scale.</summary>
    public float Clip(float value) => Math.Clamp(value, Min, Max);

    /// <summary>Adds the scale's problems (finite Min &lt; Max) to an options object's errors.</summary>
    internal void Collect(OptionsValidator v) => v.Ordered(nameof(Min), Min, nameof(Max), Max);
}
