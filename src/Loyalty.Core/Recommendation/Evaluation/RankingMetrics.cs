namespace Loyalty.Core.Recommendation.Evaluation;

/// <summary>Top-k ranking quality averaged over test users: precision, recall, NDCG and MAP at k.</summary>
/// <param name="PrecisionAtK">Mean hits / k.</param>
/// <param name="RecallAtK">Mean hits / relevant items.</param>
/// <param name="NdcgAtK">Mean NDCG at k, binary relevance.</param>
/// <param name="MapAtK">Mean average precision at k (normalised by min(relevant, k)).</param>
/// <param name="Users">Users averaged over (those with at least one relevant test item).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct RankingMetrics(double PrecisionAtK, double RecallAtK, double NdcgAtK, double MapAtK, int Users)
{
    /// <summary>Ranks the top <paramref name="k"/> unseen items for each test user; an item is relevant when its test
    /// value is at least <paramref name="relevanceThreshold"/> (4 for 1–5 stars; use a small positive number for
    /// implicit data). Users with no relevant test item are skipped.</summary>
    public static RankingMetrics Evaluate(
        IRecommendationModel model, IReadOnlyList<Interaction> test, int k, float relevanceThreshold = 4f)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var relevant = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var x in test)
        {
            if (x.Value >= relevanceThreshold)
            {
                if (!relevant.TryGetValue(x.User, out var set))
                {
                    relevant[x.User] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(x.Item);
            }
        }

        if (relevant.Count == 0)
        {
            return default;
        }

        var perUser = relevant
            .AsParallel()
            .Select(pair => ScoreUser(model.RecommendTop(pair.Key, k), pair.Value, k))
            .ToList();
        return new RankingMetrics(
            perUser.Average(s => s.Precision),
            perUser.Average(s => s.Recall),
            perUser.Average(s => s.Ndcg),
            perUser.Average(s => s.Ap),
            perUser.Count);
    }

    internal static (double Precision, double Recall, double Ndcg, double Ap) ScoreUser(
        IReadOnlyList<ScoredItem> ranked, HashSet<string> relevant, int k)
    {
        int hits = 0;
        double dcg = 0;
        double precisionSum = 0;
        for (int pos = 0; pos < Math.Min(k, ranked.Count); pos++)
        {
            if (relevant.Contains(ranked[pos].Item))
            {
                hits++;
                dcg += 1.0 / Math.Log2(pos + 2);
                precisionSum += (double)hits / (pos + 1);
            }
        }

        double ideal = 0;
        for (int pos = 0; pos < Math.Min(k, relevant.Count); pos++)
        {
            ideal += 1.0 / Math.Log2(pos + 2);
        }

        return ((double)hits / k, (double)hits / relevant.Count, dcg / ideal, precisionSum / Math.Min(k, relevant.Count));
    }
}
