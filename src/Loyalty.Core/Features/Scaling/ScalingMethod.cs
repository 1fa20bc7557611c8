namespace Loyalty.Core.Features.Scaling;

/// <summary>How features are scaled, column by column: by a <see cref="FeatureScaler"/>, or by k-means before
/// clustering (which reports centroids back in the original units).</summary>
/// <remarks>A column that is constant on the fitting data gets a scale of 1, so it transforms to x − offset
/// instead of dividing by zero.
/// Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum ScalingMethod
{
    /// <summary>Use the features as they are.</summary>
    None = 0,

    /// <summary>(x − mean) / standard deviation (population form, as scikit-learn's StandardScaler).</summary>
    ZScore = 1,

    /// <summary>log(1 + x), then z-score: tames the long right tails of frequency and monetary value. Needs x &gt; −1.</summary>
    Log1pZScore = 2,

    /// <summary>(x − min) / (max − min), into [0, 1] on the fitting data.</summary>
    MinMax = 3,
}
