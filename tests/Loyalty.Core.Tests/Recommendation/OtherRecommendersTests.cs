using Loyalty.Core.Recommendation;
using Loyalty.Core.Recommendation.Evaluation;

namespace Loyalty.Core.Tests.Recommendation;

public sealed class OtherRecommendersTests
{
    [Fact]
    public void SvdPlusPlusFit_EachEpoch_TrainingLossDecreases()
    {
        var losses = new List<double>();
        new SvdPlusPlusRecommender(new SvdPlusPlusOptions { Epochs = 8 })
            .Fit(RecommendationData.Small(), new SynchronousProgress<TrainingProgress>(p => losses.Add(p.TrainingLoss)));
        Assert.True(losses.Zip(losses.Skip(1)).All(z => z.Second < z.First), string.Join(", ", losses));
    }

    [Fact]
    public void ImplicitAlsFit_EachIteration_LossDecreases()
    {
        var losses = new List<double>();
        new ImplicitAlsRecommender(new ImplicitAlsOptions { Factors = 16, Iterations = 6 })
            .Fit(RecommendationData.Small(), new SynchronousProgress<TrainingProgress>(p => losses.Add(p.TrainingLoss)));
        Assert.True(losses.Zip(losses.Skip(1)).All(z => z.Second <= z.First * 1.0001), string.Join(", ", losses));
    }

    [Fact]
    public void ImplicitAlsFit_ThreadCount_DoesNotChangeResult()
    {
        var data = RecommendationData.Small();
        var one = new ImplicitAlsRecommender(new ImplicitAlsOptions { Factors = 16, Iterations = 3, Threads = 1 }).Fit(data);
        var two = new ImplicitAlsRecommender(new ImplicitAlsOptions { Factors = 16, Iterations = 3, Threads = 2 }).Fit(data);
        Assert.All(data.Take(300), x => Assert.Equal(one.Predict(x.User, x.Item), two.Predict(x.User, x.Item)));
    }

    [Fact]
    public void ImplicitAlsFit_NonPositiveStrength_ThrowsNamingRow() =>
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() =>
            new ImplicitAlsRecommender().Fit([new("a", "x", 1f), new("a", "y", 0f)])).Message, StringComparison.Ordinal);

    [Fact]
    public void ImplicitAlsFit_Synthetic_RanksHeldOutBetterThanPopularity()
    {
        var split = Splits.KFold(RecommendationData.Clustered(), 5, seed: 1)[0];
        var als = new ImplicitAlsRecommender(new ImplicitAlsOptions { Factors = 16, Iterations = 8, Regularization = 0.1f }).Fit(split.Train);
        var popularity = new BaselineRecommender(new BaselineOptions { Scale = new RatingScale(0f, 1f) }).Fit(split.Train);
        double alsRecall = RankingMetrics.Evaluate(als, split.Test, 10, 0.5f).RecallAtK;
        double popRecall = RankingMetrics.Evaluate(new PopularityOnly(popularity), split.Test, 10, 0.5f).RecallAtK;
        Assert.True(alsRecall > popRecall, $"{alsRecall} !> {popRecall}");
    }

    [Theory]
    [InlineData(false, KnnSimilarity.Pearson)]
    [InlineData(true, KnnSimilarity.Cosine)]
    public void KnnPredict_Synthetic_BeatsGlobalMeanWithinScale(bool userBased, KnnSimilarity similarity)
    {
        var split = Splits.KFold(RecommendationData.Small(), 5, seed: 2)[0];
        var model = new KnnRecommender(new KnnOptions { UserBased = userBased, Similarity = similarity }).Fit(split.Train);
        double mean = split.Train.Average(x => x.Value);
        double meanRmse = Math.Sqrt(split.Test.Average(x => (x.Value - mean) * (x.Value - mean)));
        Assert.True(AccuracyMetrics.Rmse(model, split.Test) < meanRmse);
        Assert.All(split.Test, x => Assert.InRange(model.Predict(x.User, x.Item), 1f, 5f));
        Assert.True(float.IsFinite(model.Predict("nobody", "nothing")));
    }

    [Fact]
    public void KnnRecommendTop_KnownUser_ExcludesSeenSorted()
    {
        var data = RecommendationData.Small();
        var model = new KnnRecommender(new KnnOptions { K = 10 }).Fit(data);
        var seen = data.Where(x => x.User == data[0].User).Select(x => x.Item).ToHashSet();
        var top = model.RecommendTop(data[0].User, 15);
        Assert.Equal(15, top.Count);
        Assert.DoesNotContain(top, s => seen.Contains(s.Item));
        Assert.True(top.Zip(top.Skip(1)).All(z => z.First.Score >= z.Second.Score));
    }

    [Fact]
    public void KnnConstructor_BadOptions_ReportsAll()
    {
        var ex = Assert.Throws<ArgumentException>(() => new KnnRecommender(new KnnOptions { K = 0, MinK = 0, Shrinkage = -1 }));
        Assert.Contains("K must", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MinK", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Shrinkage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaselinePredict_Synthetic_BeatsGlobalMean()
    {
        var split = Splits.KFold(RecommendationData.Small(), 5, seed: 3)[0];
        var model = new BaselineRecommender().Fit(split.Train);
        double meanRmse = Math.Sqrt(split.Test.Average(x => (x.Value - model.GlobalMean) * (x.Value - model.GlobalMean)));
        Assert.True(AccuracyMetrics.Rmse(model, split.Test) < meanRmse);
    }

    /// <summary>Ranks every user's unseen items by popularity only: the yardstick a personalised model must beat.</summary>
    private sealed class PopularityOnly(FactorModel model) : IRecommendationModel
    {
        public float Predict(string user, string item) => model.GlobalMean;

        public IReadOnlyList<ScoredItem> RecommendTop(string user, int count) =>
            model.MostPopular(count, model.UserIndex.TryGet(user, out int u) ? model.Seen.ColumnsOf(u) : ReadOnlySpan<int>.Empty);
    }
}
