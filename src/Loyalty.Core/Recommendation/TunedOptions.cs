namespace Loyalty.Core.Recommendation;

/// <summary>Settings found by grid search for particular data sets (see docs/algorithms/recommender.md for the
/// search and the figures).</summary>
public static class TunedOptions
{
    /// <summary>Biased MF for MovieLens-like explicit ratings (1–5 stars, ~100 ratings per user): many factors held in
    /// check by stronger regularization, a higher starting learning rate that decays 4% per epoch, weakly
    /// regularised biases and a small initialisation.</summary>
    public static MatrixFactorizationOptions MovieLens100K { get; } = new()
    {
        Factors = 400,
        Epochs = 150,
        LearningRate = 0.01f,
        LearningRateDecay = 0.97f,
        Regularization = 0.07f,
        BiasRegularization = 0.01f,
        InitStdDev = 0.02f,
    };
}
