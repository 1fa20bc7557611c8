using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>Greedy k-means++ (Arthur and Vassilvitskii 2007, with scikit-learn's 2 + ⌊ln k⌋ local trials): each
/// new centre is the best of a few candidates drawn with probability ∝ w·D². All candidates of a step are scored
/// in one pass over the data, in fixed chunks, so the result does not depend on the thread count.</summary>
internal static class KMeansPlusPlusInit
{
    internal static float[] Choose(KMeansData data, int k, Random random, CancellationToken cancellationToken) =>
        Choose(data, k, random, 2 + (int)Math.Log(k), cancellationToken);

    internal static float[] Choose(KMeansData data, int k, Random random, int trials, CancellationToken cancellationToken)
    {
        int n = data.Rows;
        int d = data.Columns;
        var plan = data.Plan;
        var centroids = new float[k * d];
        var closest = new float[n];
        var chunkPotential = new double[plan.Count];

        double[] weightTotals = ChunkTotals(data, null);
        int first = WeightedPick(data, null, weightTotals, random.NextDouble() * weightTotals.Sum());
        data.Row(first).CopyTo(centroids);
        plan.ForEach(chunk =>
        {
            ReadOnlySpan<float> first0 = centroids.AsSpan(0, d);
            double potential = 0;
            int start = ChunkPlan.Start(chunk);
            for (int i = start; i < start + plan.Length(chunk); i++)
            {
                closest[i] = DistanceKernels.SquaredEuclidean(data.Row(i), first0);
                potential += data.Weight(i) * closest[i];
            }

            chunkPotential[chunk] = potential;
        }, cancellationToken);

        var candidateDistances = new float[trials][];
        for (int t = 0; t < trials; t++)
        {
            candidateDistances[t] = new float[n];
        }

        var candidates = new int[trials];
        var candidateRows = new float[trials * d];
        var candidatePotential = new double[plan.Count * trials];
        for (int c = 1; c < k; c++)
        {
            double total = chunkPotential.Sum();
            if (total <= 0)
            {
                throw data.TooFewDistinctRows(k);
            }

            for (int t = 0; t < trials; t++)
            {
                candidates[t] = WeightedPick(data, closest, chunkPotential, random.NextDouble() * total);
                data.Row(candidates[t]).CopyTo(candidateRows.AsSpan(t * d));
            }

            plan.ForEach(chunk =>
            {
                Span<double> potentials = candidatePotential.AsSpan(chunk * trials, trials);
                potentials.Clear();
                ReadOnlySpan<float> points = data.Points.Span;
                ReadOnlySpan<float> weights = data.Weights.Span;
                int start = ChunkPlan.Start(chunk);
                for (int i = start; i < start + plan.Length(chunk); i++)
                {
                    ReadOnlySpan<float> row = points.Slice(i * d, d);
                    double w = weights.IsEmpty ? 1.0 : weights[i];
                    for (int t = 0; t < trials; t++)
                    {
                        float distance = DistanceKernels.SquaredEuclidean(row, candidateRows.AsSpan(t * d, d));
                        candidateDistances[t][i] = distance;
                        potentials[t] += w * Math.Min(distance, closest[i]);
                    }
                }
            }, cancellationToken);

            int best = BestTrial(candidatePotential, plan.Count, trials);
            data.Row(candidates[best]).CopyTo(centroids.AsSpan(c * d));
            float[] chosen = candidateDistances[best];
            plan.ForEach(chunk =>
            {
                int start = ChunkPlan.Start(chunk);
                for (int i = start; i < start + plan.Length(chunk); i++)
                {
                    closest[i] = Math.Min(closest[i], chosen[i]);
                }

                chunkPotential[chunk] = candidatePotential[chunk * trials + best];
            }, cancellationToken);
        }

        return centroids;
    }

    // Sums over chunks in chunk order, then the lowest potential wins (first on ties).
    private static int BestTrial(double[] candidatePotential, int chunks, int trials)
    {
        int best = 0;
        double bestPotential = double.PositiveInfinity;
        for (int t = 0; t < trials; t++)
        {
            double potential = 0;
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                potential += candidatePotential[chunk * trials + t];
            }

            if (potential < bestPotential)
            {
                bestPotential = potential;
                best = t;
            }
        }

        return best;
    }

    /// <summary>Per-chunk totals of w (or w·score).</summary>
    internal static double[] ChunkTotals(KMeansData data, float[]? score)
    {
        var totals = new double[data.Plan.Count];
        for (int chunk = 0; chunk < totals.Length; chunk++)
        {
            int start = ChunkPlan.Start(chunk);
            double sum = 0;
            for (int i = start; i < start + data.Plan.Length(chunk); i++)
            {
                sum += data.Weight(i) * (score?[i] ?? 1f);
            }

            totals[chunk] = sum;
        }

        return totals;
    }

    /// <summary>The first row whose running total of w·score reaches <paramref name="target"/>: the chunk totals
    /// locate the chunk, one chunk is scanned. Rows with zero mass are never returned.</summary>
    internal static int WeightedPick(KMeansData data, float[]? score, double[] chunkWeights, double target)
    {
        int chunk = 0;
        double before = 0;
        while (chunk < chunkWeights.Length - 1 && before + chunkWeights[chunk] < target)
        {
            before += chunkWeights[chunk];
            chunk++;
        }

        int start = ChunkPlan.Start(chunk);
        int end = start + data.Plan.Length(chunk);
        int lastWithMass = -1;
        double running = before;
        for (int i = start; i < end; i++)
        {
            double mass = data.Weight(i) * (score?[i] ?? 1f);
            if (mass > 0)
            {
                running += mass;
                lastWithMass = i;
                if (running >= target)
                {
                    return i;
                }
            }
        }

        // Rounding left the target just past this chunk's mass: take its last row with mass, else search all rows.
        return lastWithMass >= 0 ? lastWithMass : LastRowWithMass(data, score);
    }

    private static int LastRowWithMass(KMeansData data, float[]? score)
    {
        for (int i = data.Rows - 1; i >= 0; i--)
        {
            if (data.Weight(i) * (score?[i] ?? 1f) > 0)
            {
                return i;
            }
        }

        return data.Rows - 1;
    }
}
