using Loyalty.Core.Recommendation;
using Loyalty.Core.Recommendation.Evaluation;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>Accuracy on MovieLens 100K (read from the shared folder, never copied). Thresholds and the Surprise / LIBMF
/// figures they are compared with are in docs/benchmarks/recommender.md.</summary>
[Trait("Category", "External")]
public sealed class MovieLensAccuracyTests
{
    private static RatingSplit Official(int fold) =>
        new(RecommendationData.MovieLens($"u{fold}.base"), RecommendationData.MovieLens($"u{fold}.test"));

    private static double MeanRmseOverOfficialSplits(IRecommender recommender) =>
        Enumerable.Range(1, 5).Select(Official).Average(s => AccuracyMetrics.Rmse(recommender.Fit(s.Train), s.Test));

    [Fact]
    public void Svd_SurpriseDefaultsOfficialSplits_MeanRmseAtSurpriseLevel()
    {
        double rmse = MeanRmseOverOfficialSplits(new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Threads = 2 }));
        Assert.InRange(rmse, 0.90, SurpriseDefaultsBound);
    }

    [Fact]
    public void Svd_SurpriseDefaultsFiveFold_RmseAtMost0934()
    {
        var splits = Splits.KFold(RecommendationData.MovieLens("u.data"), 5, seed: 0);
        var report = CrossValidation.Run(new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Threads = 2 }), splits);
        Assert.InRange(report.Rmse, 0.90, 0.934);
    }

    [Fact]
    public void SvdPlusPlus_SurpriseDefaultsU1_RmseAtMost0933()
    {
        var split = Official(1);
        double rmse = AccuracyMetrics.Rmse(new SvdPlusPlusRecommender().Fit(split.Train), split.Test);
        Assert.InRange(rmse, 0.90, 0.933);
    }

    [Fact]
    public void SvdPlusPlus_TunedOfficialSplits_MeanRmseAtMost0905()
    {
        double rmse = MeanRmseOverOfficialSplits(new SvdPlusPlusRecommender(TunedOptions.SvdPlusPlusMovieLens100K));
        Assert.InRange(rmse, 0.85, 0.905);
    }

    /// <summary>The bound for Surprise's defaults over u1–u5. See the class docs and the benchmark notes.</summary>
    private const double SurpriseDefaultsBound = 0.938;
}
