namespace Loyalty.Core.Recommendation.Evaluation;

/// <summary>The scores of one fitted fold.</summary>
/// <param name="Rmse">Root mean squared error of the predictions on the test ratings.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="PrecisionAtK">Mean over test users of hits in the top k / k.</param>
/// <param name="RecallAtK">Mean over test users of hits in the top k / relevant test items.</param>
/// <param name="NdcgAtK">Mean normalised discounted cumulative gain at k (binary relevance).</param>
/// <param name="MapAtK">Mean average precision at k.</param>
/// <param name="FitSeconds">Wall-clock seconds of the fit.</param>
/// <param name="TrainRatings">Training interactions.</param>
/// <param name="TestRatings">Test interactions.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record FoldResult(
    double Rmse,
    double Mae,
    double PrecisionAtK,
    double RecallAtK,
    double NdcgAtK,
    double MapAtK,
    double FitSeconds,
    int TrainRatings,
    int TestRatings);

/// <summary>Per-fold results and their means.</summary>
/// <param name="Folds">One result per split, in order.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record EvaluationReport(IReadOnlyList<FoldResult> Folds)
{
    /// <summary>Mean RMSE over the folds.</summary>
    public double Rmse => Folds.Average(f => f.Rmse);

    /// <summary>Mean MAE over the folds.</summary>
    public double Mae => Folds.Average(f => f.Mae);

    /// <summary>Mean precision@k over the folds.</summary>
    public double PrecisionAtK => Folds.Average(f => f.PrecisionAtK);

    /// <summary>Mean recall@k over the folds.</summary>
    public double RecallAtK => Folds.Average(f => f.RecallAtK);

    /// <summary>Mean NDCG@k over the folds.</summary>
    public double NdcgAtK => Folds.Average(f => f.NdcgAtK);

    /// <summary>Mean MAP@k over the folds.</summary>
    public double MapAtK => Folds.Average(f => f.MapAtK);

    /// <summary>Mean fit time in seconds.</summary>
    public double FitSeconds => Folds.Average(f => f.FitSeconds);
}
