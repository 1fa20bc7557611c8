namespace Loyalty.Core.Recommendation;

/// <summary>Settings found by grid search on MovieLens 100K's official u1–u5 splits (docs/algorithms/recommender.md
/// lists the search and the figures). A starting point for similar explicit-rating data: 1–5 stars, ~100 ratings per
/// user.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class TunedOptions
{
    /// <summary>SVD++ with many factors held in check by stronger regularization and a small initialisation
    /// (u1–u5 mean RMSE 0.9041 against 0.9380 for Surprise's SVD defaults).</summary>
    public static SvdPlusPlusOptions SvdPlusPlusMovieLens100K { get; } = new()
    {
        Factors = 250,
        Epochs = 50,
        LearningRate = 0.006f,
        Regularization = 0.075f,
        InitStdDev = 0.03f,
    };

    /// <summary>Biased MF (SVD) tuned likewise, with a decaying learning rate and weakly regularised biases
    /// (u1–u5 mean RMSE 0.9057), on the blocked schedule, so it can train in parallel (set
    /// <see cref="MatrixFactorizationOptions.Threads"/>), unlike SVD++.</summary>
    public static MatrixFactorizationOptions MatrixFactorizationMovieLens100K { get; } = new()
    {
        Factors = 400,
        Epochs = 100,
        LearningRate = 0.02f,
        LearningRateDecay = 0.94f,
        Regularization = 0.07f,
        BiasRegularization = 0.01f,
        InitStdDev = 0.02f,
        Schedule = SgdSchedule.Blocked,
    };
}
