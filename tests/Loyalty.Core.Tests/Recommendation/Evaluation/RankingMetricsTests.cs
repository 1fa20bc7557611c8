using Loyalty.Core.Recommendation.Evaluation;

namespace Loyalty.Core.Tests.Recommendation.Evaluation;

public sealed class RankingMetricsTests
{
    [Fact]
    public void ScoreUser_HitsAtPositions1And3_MatchesDefinitions()
    {
        ScoredItem[] ranked = [new("a", 3), new("b", 2), new("c", 1)];
        var (precision, recall, ndcg, ap) = RankingMetrics.ScoreUser(ranked, ["a", "c", "z"], k: 3);
        Assert.Equal(2.0 / 3, precision, 12);
        Assert.Equal(2.0 / 3, recall, 12);
        double dcg = 1 + (1 / Math.Log2(4));
        double ideal = 1 + (1 / Math.Log2(3)) + (1 / Math.Log2(4));
        Assert.Equal(dcg / ideal, ndcg, 12);
        Assert.Equal((1.0 + (2.0 / 3)) / 3, ap, 12);
    }

    [Fact]
    public void Evaluate_PerfectRanker_AllOnes()
    {
        Interaction[] test = [new("u", "a", 5), new("u", "b", 4), new("v", "c", 5)];
        var metrics = RankingMetrics.Evaluate(new FixedRanker(test), test, k: 1);
        Assert.Equal(1.0, metrics.PrecisionAtK, 12);
        Assert.Equal(1.0, metrics.NdcgAtK, 12);
        Assert.Equal(2, metrics.Users);
        Assert.Equal(0.75, metrics.RecallAtK, 12); // u finds 1 of 2, v 1 of 1
    }

    [Fact]
    public void Evaluate_BelowThresholdNotRelevant_UserSkipped()
    {
        Interaction[] test = [new("u", "a", 2), new("v", "c", 5)];
        Assert.Equal(1, RankingMetrics.Evaluate(new FixedRanker(test), test, k: 5).Users);
    }

    /// <summary>Recommends each user's test items in order: a ranker with known answers.</summary>
    private sealed class FixedRanker(Interaction[] test) : IRecommendationModel
    {
        public float Predict(string user, string item) => 3f;

        public IReadOnlyList<ScoredItem> RecommendTop(string user, int count) =>
            [.. test.Where(x => x.User == user).Take(count).Select((x, i) => new ScoredItem(x.Item, -i))];
    }
}
