using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>k-means‖ (Bahmani et al. 2012): start from one weighted-random row, then for a few rounds keep every row
/// independently with probability min(1, ℓ·w·D²/φ) (ℓ = 2k), weight each kept row by the weight of the rows nearest
/// to it, and reduce the sample to k centres with greedy k-means++. Each row's coin comes from a counter-based hash
/// of (seed, round, row), so the sample does not depend on how rows are spread over threads.</summary>
internal static class KMeansParallelInit
{
    private const int Rounds = 5;

    internal static float[] Choose(KMeansData data, int k, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        int n = data.Rows;
        int d = data.Columns;
        var plan = data.Plan;
        double[] weightTotals = KMeansPlusPlusInit.ChunkTotals(data, null);
        int first = KMeansPlusPlusInit.WeightedPick(data, null, weightTotals, random.NextDouble() * weightTotals.Sum());
        var sample = new List<float>(data.Row(first).ToArray());
        var closest = new float[n];
        Array.Fill(closest, float.PositiveInfinity);
        var chunkPotential = new double[plan.Count];
        var chunkPicks = new List<int>[plan.Count];
        double oversampling = 2.0 * k;
        int newFrom = 0;
        for (int round = 0; round <= Rounds; round++)
        {
            float[] newCentres = sample.Skip(newFrom * d).ToArray();
            newFrom = sample.Count / d;
            plan.ForEach(chunk =>
            {
                ReadOnlySpan<float> points = data.Points.Span;
                int start = ChunkPlan.Start(chunk);
                double potential = 0;
                for (int i = start; i < start + plan.Length(chunk); i++)
                {
                    ReadOnlySpan<float> row = points.Slice(i * d, d);
                    for (int c = 0; c < newCentres.Length / d; c++)
                    {
                        closest[i] = Math.Min(closest[i], DistanceKernels.SquaredEuclidean(row, newCentres.AsSpan(c * d, d)));
                    }

                    potential += data.Weight(i) * closest[i];
                }

                chunkPotential[chunk] = potential;
            }, cancellationToken);

            double phi = chunkPotential.Sum();
            if (round == Rounds || phi <= 0)
            {
                break;
            }

            plan.ForEach(chunk =>
            {
                var picks = new List<int>();
                int start = ChunkPlan.Start(chunk);
                for (int i = start; i < start + plan.Length(chunk); i++)
                {
                    double p = oversampling * data.Weight(i) * closest[i] / phi;
                    if (p > 0 && UnitInterval(seed, round, i) < p)
                    {
                        picks.Add(i);
                    }
                }

                chunkPicks[chunk] = picks;
            }, cancellationToken);

            foreach (int i in chunkPicks.SelectMany(p => p))
            {
                sample.AddRange(data.Row(i).ToArray());
            }
        }

        int candidates = sample.Count / d;
        if (candidates < k)
        {
            // Too few distinct candidates (tiny or highly duplicated data): fall back to k-means++ on all rows.
            return KMeansPlusPlusInit.Choose(data, k, random, cancellationToken);
        }

        float[] candidateRows = sample.ToArray();
        var panel = CentroidPanel.Create(candidateRows, candidates, d, CentroidPanel.PreferredLaneWidth(candidates));
        var labels = new int[n];
        var sums = new double[candidates * d];
        var candidateWeights = new double[candidates];
        AssignmentKernel.AssignAndAccumulate(data.Points.Span, data.Weights.Span, panel, labels, sums, candidateWeights);
        var reduced = new KMeansData(
            candidateRows, candidates, d, candidateWeights.Select(w => (float)w).ToArray(), threads: 1);
        return KMeansPlusPlusInit.Choose(reduced, k, random, cancellationToken);
    }

    // SplitMix64 of (seed, round, row): a uniform double in [0, 1) that any thread, in any process, computes alike.
    private static double UnitInterval(int seed, int round, int row)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)row) + ((ulong)(round + 1) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
