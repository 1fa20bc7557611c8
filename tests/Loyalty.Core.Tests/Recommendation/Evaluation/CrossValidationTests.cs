using Loyalty.Core.Recommendation;
using Loyalty.Core.Recommendation.Evaluation;

namespace Loyalty.Core.Tests.Recommendation.Evaluation;

public sealed class CrossValidationTests
{
    [Fact]
    public void Run_ThreeFolds_ReportsEachFoldAndMeans()
    {
        var splits = Splits.KFold(RecommendationData.Small(), 3, seed: 1);
        var report = CrossValidation.Run(new BaselineRecommender(), splits, k: 5);
        Assert.Equal(3, report.Folds.Count);
        Assert.Equal(report.Folds.Average(f => f.Rmse), report.Rmse, 12);
        Assert.All(report.Folds, f =>
        {
            Assert.InRange(f.Rmse, f.Mae, 4.0);
            Assert.InRange(f.PrecisionAtK, 0.0, 1.0);
            Assert.InRange(f.NdcgAtK, 0.0, 1.0);
            Assert.Equal(f.TrainRatings + f.TestRatings, RecommendationData.Small().Length);
        });
    }

    [Fact]
    public void GridSearch_TwoCandidates_BestFirst()
    {
        var splits = Splits.KFold(RecommendationData.Small(), 3, seed: 1);
        var results = GridSearch.Run(
            [new MatrixFactorizationOptions { Factors = 10, Epochs = 1, LearningRate = 0.0001f }, new MatrixFactorizationOptions { Factors = 10, Epochs = 15 }],
            o => new MatrixFactorizationRecommender(o),
            splits);
        Assert.Equal(2, results.Count);
        Assert.True(results[0].Report.Rmse <= results[1].Report.Rmse);
        Assert.Equal(15, results[0].Options.Epochs);
    }
}
