using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Segmentation;

/// <summary>Greedy k-means++ (Arthur and Vassilvitskii 2007, with scikit-learn's 2 + ⌊ln k⌋ local trials): each
/// new centre is the best of a few candidates drawn with probability ∝ w·D². All candidates of a step are scored
/// in one pass over the data, in fixed chunks, so the result does not depend on the thread count.</summary>
internal static class KMeansPlusPlusInit
{
    private const int CandidateLanes = 8;

    internal static float[] Choose(KMeansData data, int k, Random random, CancellationToken cancellationToken)
    {
        int trials = 2 + (int)Math.Log(k);
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

        int paddedTrials = (trials + CandidateLanes - 1) / CandidateLanes * CandidateLanes;
        var candidateDistances = new float[(long)n * trials];
        var candidatePanel = new float[d * paddedTrials];
        var candidates = new int[trials];
        var candidatePotential = new double[plan.Count * paddedTrials];
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
                ReadOnlySpan<float> row = data.Row(candidates[t]);
                for (int j = 0; j < d; j++)
                {
                    candidatePanel[j * paddedTrials + t] = row[j];
                }
            }

            plan.ForEach(chunk => ScoreCandidates(
                data, chunk, candidatePanel, trials, paddedTrials, closest, candidateDistances,
                candidatePotential.AsSpan(chunk * paddedTrials, paddedTrials)), cancellationToken);

            int best = BestTrial(candidatePotential, plan.Count, trials, paddedTrials);
            data.Row(candidates[best]).CopyTo(centroids.AsSpan(c * d));
            plan.ForEach(chunk =>
            {
                KeepCloser(closest, candidateDistances, ChunkPlan.Start(chunk), plan.Length(chunk), trials, best);
                chunkPotential[chunk] = candidatePotential[chunk * paddedTrials + best];
            }, cancellationToken);
        }

        return centroids;
    }

    /// <summary>Squared distances from each row of a chunk to every candidate (candidates transposed in
    /// <paramref name="panel"/>, one per lane: Σ (x_j − c_j)² by fused multiply-adds, no cancellation), and per
    /// candidate the chunk's potential Σ w·min(D², distance) in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScoreCandidates(
        KMeansData data, int chunk, float[] panel, int trials, int paddedTrials, float[] closest, float[] distances, Span<double> potential)
    {
        int d = data.Columns;
        ReadOnlySpan<float> points = data.Points.Span;
        ReadOnlySpan<float> weights = data.Weights.Span;
        int start = ChunkPlan.Start(chunk);
        ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel);
        int end = start + data.Plan.Length(chunk);
        for (int t = 0; t < paddedTrials; t += CandidateLanes)
        {
            Vector256<double> lower = default, upper = default;
            int i = start;

            // Four rows at a time: four independent FMA chains instead of one latency-bound chain.
            for (; i + 4 <= end; i += 4)
            {
                ref float x0 = ref Unsafe.AsRef(in points[i * d]);
                ref float x1 = ref Unsafe.Add(ref x0, d);
                ref float x2 = ref Unsafe.Add(ref x1, d);
                ref float x3 = ref Unsafe.Add(ref x2, d);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int j = 0; j < d; j++)
                {
                    var c = Vector256.LoadUnsafe(ref panelRef, (nuint)(j * paddedTrials + t));
                    var d0 = Vector256.Create(Unsafe.Add(ref x0, j)) - c;
                    var d1 = Vector256.Create(Unsafe.Add(ref x1, j)) - c;
                    var d2 = Vector256.Create(Unsafe.Add(ref x2, j)) - c;
                    var d3 = Vector256.Create(Unsafe.Add(ref x3, j)) - c;
                    a0 = Vector256.FusedMultiplyAdd(d0, d0, a0);
                    a1 = Vector256.FusedMultiplyAdd(d1, d1, a1);
                    a2 = Vector256.FusedMultiplyAdd(d2, d2, a2);
                    a3 = Vector256.FusedMultiplyAdd(d3, d3, a3);
                }

                Record(a0, distances, ((long)(i) * trials) + t, trials - t, closest[i], weights.IsEmpty ? 1.0 : weights[i], ref lower, ref upper);
                Record(a1, distances, ((long)(i + 1) * trials) + t, trials - t, closest[i + 1], weights.IsEmpty ? 1.0 : weights[i + 1], ref lower, ref upper);
                Record(a2, distances, ((long)(i + 2) * trials) + t, trials - t, closest[i + 2], weights.IsEmpty ? 1.0 : weights[i + 2], ref lower, ref upper);
                Record(a3, distances, ((long)(i + 3) * trials) + t, trials - t, closest[i + 3], weights.IsEmpty ? 1.0 : weights[i + 3], ref lower, ref upper);
            }

            for (; i < end; i++)
            {
                ref float x = ref Unsafe.AsRef(in points[i * d]);
                var acc = Vector256<float>.Zero;
                for (int j = 0; j < d; j++)
                {
                    var diff = Vector256.Create(Unsafe.Add(ref x, j)) - Vector256.LoadUnsafe(ref panelRef, (nuint)(j * paddedTrials + t));
                    acc = Vector256.FusedMultiplyAdd(diff, diff, acc);
                }

                Record(acc, distances, ((long)i * trials) + t, trials - t, closest[i], weights.IsEmpty ? 1.0 : weights[i], ref lower, ref upper);
            }

            lower.CopyTo(potential.Slice(t, 4));
            upper.CopyTo(potential.Slice(t + 4, 4));

        }

        // Stores a row's real candidate lanes (rows are packed, so padding lanes must not spill into the next row)
        // and adds w·min(D², distance) to the potentials.
        static void Record(
            Vector256<float> distance, float[] distances, long at, int lanes, float closest, double weight,
            ref Vector256<double> lower, ref Vector256<double> upper)
        {
            ref float target = ref MemoryMarshal.GetArrayDataReference(distances);
            if (lanes >= Vector256<float>.Count)
            {
                distance.StoreUnsafe(ref target, (nuint)at);
            }
            else if (lanes == Vector128<float>.Count)
            {
                distance.GetLower().StoreUnsafe(ref target, (nuint)at);
            }
            else
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    distances[at + lane] = distance[lane];
                }
            }

            var (lo, hi) = Vector256.Widen(Vector256.MinNative(distance, Vector256.Create(closest)));
            var w = Vector256.Create(weight);
            lower = Vector256.FusedMultiplyAdd(lo, w, lower);
            upper = Vector256.FusedMultiplyAdd(hi, w, upper);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KeepCloser(float[] closest, float[] candidateDistances, int start, int length, int trials, int best)
    {
        for (int i = start; i < start + length; i++)
        {
            closest[i] = Math.Min(closest[i], candidateDistances[((long)i * trials) + best]);
        }
    }

    // Sums over chunks in chunk order, then the lowest potential wins (first on ties).
    private static int BestTrial(double[] candidatePotential, int chunks, int trials, int stride)
    {
        int best = 0;
        double bestPotential = double.PositiveInfinity;
        for (int t = 0; t < trials; t++)
        {
            double potential = 0;
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                potential += candidatePotential[chunk * stride + t];
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
