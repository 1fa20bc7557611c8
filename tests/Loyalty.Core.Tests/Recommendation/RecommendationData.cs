using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>Generated inputs for recommender tests (MovieLens 100K is read by the external-data tests).</summary>
internal static class RecommendationData
{
    internal static Interaction[] Small(int seed = 7) => SyntheticRatings.Generate(300, 150, 9000, seed);

    /// <summary>Implicit interactions with taste: each of 4 user groups takes 80% of its items from its own quarter
    /// of the catalogue, so a personalised model can beat popularity.</summary>
    internal static Interaction[] Clustered(int seed = 5)
    {
        var random = new Random(seed);
        var result = new HashSet<(string, string)>();
        for (int u = 0; u < 200; u++)
        {
            int group = u % 4;
            while (result.Count(x => x.Item1 == "u" + u) < 15)
            {
                int item = random.NextDouble() < 0.8 ? (group * 25) + random.Next(25) : random.Next(100);
                result.Add(("u" + u, "i" + item));
            }
        }

        return [.. result.Select(x => new Interaction(x.Item1, x.Item2, 1f))];
    }
}
