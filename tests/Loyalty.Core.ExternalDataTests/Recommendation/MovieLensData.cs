using System.Globalization;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>MovieLens 100K, found through <see cref="TestData.Shared"/> and never copied into the repository (its
/// licence forbids redistribution).</summary>
internal static class MovieLensData
{
    /// <summary>One tab-separated ratings file of the set (user, item, rating, timestamp), e.g. <c>u1.base</c>.</summary>
    internal static List<Interaction> Read(string file) =>
        [.. File.ReadLines(TestData.Shared("movielens-100k", file)).Select(line =>
        {
            string[] parts = line.Split('\t');
            return new Interaction(parts[0], parts[1], float.Parse(parts[2], CultureInfo.InvariantCulture));
        })];
}
