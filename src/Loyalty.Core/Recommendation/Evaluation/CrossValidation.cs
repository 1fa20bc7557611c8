using System.Diagnostics;

namespace Loyalty.Core.Recommendation.Evaluation;

/// <summary>Fits a recommender on each split and scores it: RMSE, MAE and ranking metrics at k.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class CrossValidation
{
    /// <summary>Runs every split in order, reporting each finished fold to <paramref name="progress"/>.</summary>
    public static EvaluationReport Run(
        IRecommender recommender,
        IReadOnlyList<RatingSplit> splits,
        int k = 10,
        float relevanceThreshold = 4f,
        IProgress<FoldResult>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(splits);
        if (splits.Count == 0)
        {
            throw new ArgumentException("At least one split is needed.", nameof(splits));
        }

        var results = new List<FoldResult>(splits.Count);
        foreach (var split in splits)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var model = recommender.Fit(split.Train, cancellationToken);
            double fitSeconds = clock.Elapsed.TotalSeconds;
            var (squared, absolute) = AccuracyMetrics.Errors(model, split.Test);
            var ranking = RankingMetrics.Evaluate(model, split.Test, k, relevanceThreshold);
            var result = new FoldResult(
                Math.Sqrt(squared),
                absolute,
                ranking.PrecisionAtK,
                ranking.RecallAtK,
                ranking.NdcgAtK,
                ranking.MapAtK,
                fitSeconds,
                split.Train.Count,
                split.Test.Count);
            results.Add(result);
            progress?.Report(result);
        }

        return new EvaluationReport(results);
    }
}
