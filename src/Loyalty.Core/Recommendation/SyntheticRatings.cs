namespace Loyalty.Core.Recommendation;

/// <summary>Generated explicit ratings for tests and benchmarks (no redistributable data needed): a hidden low-rank
/// model with user and item biases plus noise, rounded to the 1–5 scale, with distinct (user, item) pairs and skewed item popularity.</summary>
internal static class SyntheticRatings
{
    internal static Interaction[] Generate(int users, int items, int count, int seed, int rank = 8)
    {
        if ((long)users * items < count * 2L)
        {
            throw new ArgumentException("Too many ratings for the user × item grid.", nameof(count));
        }

        var random = new Random(seed);
        var userFactors = new float[users * rank];
        var itemFactors = new float[items * rank];
        for (int i = 0; i < userFactors.Length; i++)
        {
            userFactors[i] = Gaussian.Next(random) * 0.5f;
        }

        for (int i = 0; i < itemFactors.Length; i++)
        {
            itemFactors[i] = Gaussian.Next(random) * 0.5f;
        }

        var userBias = new float[users];
        var itemBias = new float[items];
        for (int u = 0; u < users; u++)
        {
            userBias[u] = 0.4f * Gaussian.Next(random);
        }

        for (int i = 0; i < items; i++)
        {
            itemBias[i] = 0.4f * Gaussian.Next(random);
        }

        var seen = new HashSet<long>(count, PairKey.Comparer);
        var result = new Interaction[count];
        int n = 0;
        while (n < count)
        {
            int u = random.Next(users);
            // Squaring a uniform draw skews popularity towards low item indexes, as in real catalogues.
            double x = random.NextDouble();
            int i = (int)(x * x * items);
            if (!seen.Add(PairKey.Pack(u, i)))
            {
                continue;
            }

            float dot = 0f;
            for (int f = 0; f < rank; f++)
            {
                dot += userFactors[(u * rank) + f] * itemFactors[(i * rank) + f];
            }

            float rating = MathF.Round(Math.Clamp(3.5f + userBias[u] + itemBias[i] + dot + (0.5f * Gaussian.Next(random)), 1f, 5f));
            result[n++] = new Interaction("u" + u, "i" + i, rating);
        }

        return result;
    }
}
