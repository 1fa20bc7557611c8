namespace Loyalty.Core.Recommendation.Evaluation;

/// <summary>Ways to cut interactions into train/test splits. Predefined splits (MovieLens u1–u5) are simply a list of
/// <see cref="RatingSplit"/>.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class Splits
{
    /// <summary>k-fold cross-validation: a seeded shuffle, then fold f tests on every k-th rating from f.</summary>
    public static IReadOnlyList<RatingSplit> KFold(IReadOnlyList<Interaction> interactions, int folds, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        if (folds < 2 || folds > interactions.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(folds), folds, $"The fold count must be between 2 and the number of interactions ({interactions.Count}).");
        }

        int[] order = BlockedRatings.Permutation(interactions.Count, new Random(seed));
        var result = new RatingSplit[folds];
        for (int f = 0; f < folds; f++)
        {
            var train = new List<Interaction>(interactions.Count);
            var test = new List<Interaction>((interactions.Count / folds) + 1);
            for (int n = 0; n < order.Length; n++)
            {
                (n % folds == f ? test : train).Add(interactions[order[n]]);
            }

            result[f] = new RatingSplit(train, test);
        }

        return result;
    }

    /// <summary>Leave-last-out by time: each user's latest interaction (ties: the later row) is the test set; users
    /// with a single interaction keep it in training.</summary>
    public static RatingSplit LeaveLastOut(IReadOnlyList<Interaction> interactions, IReadOnlyList<long> timestamps)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(timestamps);
        if (timestamps.Count != interactions.Count)
        {
            throw new ArgumentException(
                $"There are {timestamps.Count} timestamps for {interactions.Count} interactions.", nameof(timestamps));
        }

        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int row = 0; row < interactions.Count; row++)
        {
            string user = interactions[row].User;
            count[user] = count.GetValueOrDefault(user) + 1;
            if (!last.TryGetValue(user, out int previous) || timestamps[row] >= timestamps[previous])
            {
                last[user] = row;
            }
        }

        var train = new List<Interaction>(interactions.Count);
        var test = new List<Interaction>(last.Count);
        for (int row = 0; row < interactions.Count; row++)
        {
            string user = interactions[row].User;
            bool held = last[user] == row && count[user] > 1;
            (held ? test : train).Add(interactions[row]);
        }

        return new RatingSplit(train, test);
    }
}
