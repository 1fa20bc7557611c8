namespace Loyalty.Core.Segmentation;

/// <summary>k distinct rows drawn without replacement, with probability ∝ weight (Efraimidis–Spirakis keys:
/// the k largest ln(u)/w win), one draw per row in row order so the choice depends only on the seed.</summary>
internal static class RandomInit
{
    internal static float[] Choose(KMeansData data, int k, Random random, string weightsParameter = "sampleWeights")
    {
        var heap = new PriorityQueue<int, double>(k + 1);
        for (int i = 0; i < data.Rows; i++)
        {
            double u = random.NextDouble();
            double w = data.Weight(i);
            if (w <= 0)
            {
                continue;
            }

            double key = Math.Log(1.0 - u) / w;
            if (heap.Count < k)
            {
                heap.Enqueue(i, key);
            }
            else if (heap.TryPeek(out _, out double smallest) && key > smallest)
            {
                heap.DequeueEnqueue(i, key);
            }
        }

        if (heap.Count < k)
        {
            throw new ArgumentException($"K ({k}) is greater than the number of rows with a positive weight ({heap.Count}).", weightsParameter);
        }

        var chosen = new List<int>(k);
        while (heap.Count > 0)
        {
            chosen.Add(heap.Dequeue());
        }

        chosen.Sort();
        float[] centroids = data.GatherRows(chosen);
        if (HasDuplicateRows(centroids, k, data.Columns) && DataStatistics.DistinctRows(data.Points.Span, data.Rows, data.Columns) < k)
        {
            throw data.TooFewDistinctRows(k);
        }

        return centroids;
    }

    private static bool HasDuplicateRows(float[] rows, int k, int d)
    {
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                if (rows.AsSpan(a * d, d).SequenceEqual(rows.AsSpan(b * d, d)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
