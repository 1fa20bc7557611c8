using Loyalty.Core.Recommendation;
using Loyalty.Core.Recommendation.Evaluation;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>Accuracy on MovieLens 100K (read from the shared folder, never copied). Thresholds and the Surprise / LIBMF
/// figures they are compared with are in docs/benchmarks/recommender.md.</summary>
[Trait("Category", "External")]
public sealed class MovieLensAccuracyTests : IClassFixture<ExternalResourceLog>
{
    private static RatingSplit Official(int fold) =>
        new(MovieLensData.Read($"u{fold}.base"), MovieLensData.Read($"u{fold}.test"));

    private static double MeanRmseOverOfficialSplits(IRecommender recommender) =>
        Enumerable.Range(1, 5).Select(Official).Average(s => AccuracyMetrics.Rmse(recommender.Fit(s.Train), s.Test));

    private static double MeanOverSeeds(Func<int, double> rmseForSeed) => Enumerable.Range(0, Seeds).Average(rmseForSeed);

    /// <summary>Seeds averaged by the accuracy tests: one seed is one random draw of the initial factors, and the
    /// u1–u5 mean moves by ±0.0015 between draws (for Surprise's own loop as much as for ours).</summary>
    private const int Seeds = 8;

    /// <summary>The default (sequential) schedule is Surprise's loop: on u1 it gives the RMSE of a double-precision
    /// transcription of <c>SVD.sgd</c> started from the same factors, up to float32 rounding.</summary>
    [SkippableFact]
    public void Svd_SurpriseDefaultsU1_SameRmseAsSurpriseLoopTranscription()
    {
        var split = Official(1);
        foreach (int seed in new[] { 0, 1 })
        {
            var options = new MatrixFactorizationOptions { Seed = seed };
            double ours = AccuracyMetrics.Rmse(new MatrixFactorizationRecommender(options).Fit(split.Train), split.Test);
            var reference = new SurpriseSvdTranscription(split.Train, options);
            double theirs = Math.Sqrt(split.Test.Average(x => Math.Pow(x.Value - reference.Predict(x.User, x.Item), 2)));
            Assert.InRange(ours - theirs, -2e-4, 2e-4);
        }
    }

    /// <summary>Surprise's defaults, mean over seeds 0–7 of the u1–u5 mean. Surprise's loop itself averages 0.9383 over
    /// 16 draws (0.9368–0.9400; its published single draw is 0.9380), so the bound is that expectation plus the
    /// standard error of an 8-seed mean, not a lucky seed. See docs/benchmarks/recommender.md.</summary>
    [SkippableFact]
    public void Svd_SurpriseDefaultsOfficialSplits_SeedMeanAtSurpriseExpectation()
    {
        var splits = Enumerable.Range(1, 5).Select(Official).ToArray();
        double rmse = MeanOverSeeds(seed =>
        {
            var recommender = new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Seed = seed });
            return splits.Average(s => AccuracyMetrics.Rmse(recommender.Fit(s.Train), s.Test));
        });
        Assert.InRange(rmse, 0.90, 0.9390);
    }

    /// <summary>The blocked (parallel) schedule visits ratings in another order and lands on the same accuracy.</summary>
    [SkippableFact]
    public void Svd_BlockedTwoThreadsOfficialSplits_SeedMeanAtSurpriseExpectation()
    {
        var splits = Enumerable.Range(1, 5).Select(Official).ToArray();
        double rmse = MeanOverSeeds(seed =>
        {
            var options = new MatrixFactorizationOptions { Seed = seed, Schedule = SgdSchedule.Blocked, Threads = 2 };
            var recommender = new MatrixFactorizationRecommender(options);
            return splits.Average(s => AccuracyMetrics.Rmse(recommender.Fit(s.Train), s.Test));
        });
        Assert.InRange(rmse, 0.90, 0.9390);
    }

    /// <summary>5-fold on u.data (folds seed 0), mean over model seeds 0–7. Surprise's loop on Surprise's own folds
    /// (KFold(random_state=0)) with NumPy-seeded draws 0–7 gives 0.9358–0.9387, mean 0.9367 (one Surprise run
    /// measured 0.9344; see the benchmarks doc), so the bound is that mean.</summary>
    [SkippableFact]
    public void Svd_SurpriseDefaultsFiveFold_SeedMeanWithinSurpriseRange()
    {
        var splits = Splits.KFold(MovieLensData.Read("u.data"), 5, seed: 0);
        double rmse = MeanOverSeeds(seed =>
            CrossValidation.Run(new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Seed = seed }), splits).Rmse);
        Assert.InRange(rmse, 0.90, 0.9370);
    }

    [SkippableFact]
    public void SvdPlusPlus_SurpriseDefaultsU1_RmseAtMost0933()
    {
        var split = Official(1);
        double rmse = AccuracyMetrics.Rmse(new SvdPlusPlusRecommender().Fit(split.Train), split.Test);
        Assert.InRange(rmse, 0.90, 0.933);
    }

    [SkippableFact]
    public void SvdPlusPlus_TunedOfficialSplits_MeanRmseAtMost0905()
    {
        double rmse = MeanRmseOverOfficialSplits(new SvdPlusPlusRecommender(TunedOptions.SvdPlusPlusMovieLens100K));
        Assert.InRange(rmse, 0.85, 0.905);
    }
}
