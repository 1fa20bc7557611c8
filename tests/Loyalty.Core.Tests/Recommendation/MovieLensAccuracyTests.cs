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

    /// <summary>Surprise's defaults, seed 0. Surprise's own figure (0.9380) is one random draw: over seeds 0–7 this
    /// implementation gives 0.9368–0.9401 (mean 0.9386), and a double-precision transcription of Surprise's loop gives
    /// 0.9400 at seed 0 — so the bound is the top of the seed spread, not Surprise's single draw. See
    /// docs/benchmarks/recommender.md.</summary>
    [Fact]
    public void Svd_SurpriseDefaultsOfficialSplits_MeanRmseWithinSurpriseSeedSpread()
    {
        double rmse = MeanRmseOverOfficialSplits(new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Threads = 2 }));
        Assert.InRange(rmse, 0.90, 0.9405);
    }

    /// <summary>5-fold on u.data, seed 0 (Surprise measured 0.9344, published 0.934; same seed caveat as above).</summary>
    [Fact]
    public void Svd_SurpriseDefaultsFiveFold_RmseWithinSurpriseSeedSpread()
    {
        var splits = Splits.KFold(RecommendationData.MovieLens("u.data"), 5, seed: 0);
        var report = CrossValidation.Run(new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Threads = 2 }), splits);
        Assert.InRange(report.Rmse, 0.90, 0.9365);
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
}
