using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        float[] firstCentre = centroids.AsSpan(0, d).ToArray();
        plan.ForEach(chunk =>
        {
            int start = ChunkPlan.Start(chunk);
            int end = start + plan.Length(chunk);
            closest.AsSpan(start, end - start).Fill(float.PositiveInfinity);
            KeepCloser(data, start, end, firstCentre, closest);
            double potential = 0;
            for (int i = start; i < end; i++)
            {
                potential += data.Weight(i) * closest[i];
            }

            chunkPotential[chunk] = potential;
        }, cancellationToken);

        int paddedTrials = (trials + CandidateLanes - 1) / CandidateLanes * CandidateLanes;
        var candidatePanel = new float[d * paddedTrials];
        var candidates = new int[trials];
        var candidateRows = new float[trials * d];
        var candidatePotential = new double[plan.Count * paddedTrials];

        // D² lags behind by the last chosen centre: the next scoring pass folds it in while it reads the rows anyway
        // (one pass over the data per centre instead of two), and a chunk the sampler must scan first is brought up
        // to date on the spot. The potentials are exact either way: scoring already used min(D², distance).
        var stale = new bool[plan.Count];
        float[]? pending = null;
        for (int c = 1; c < k; c++)
        {
            double total = chunkPotential.Sum();
            if (total <= 0)
            {
                throw data.TooFewDistinctRows(k);
            }

            for (int t = 0; t < trials; t++)
            {
                double target = random.NextDouble() * total;
                int chunk = PickChunk(chunkPotential, target, out double before);
                if (stale[chunk])
                {
                    KeepCloser(data, ChunkPlan.Start(chunk), ChunkPlan.Start(chunk) + plan.Length(chunk), pending!, closest);
                    stale[chunk] = false;
                }

                candidates[t] = PickInChunk(data, closest, chunk, before, target);
                ReadOnlySpan<float> row = data.Row(candidates[t]);
                row.CopyTo(candidateRows.AsSpan(t * d, d));
                for (int j = 0; j < d; j++)
                {
                    candidatePanel[j * paddedTrials + t] = row[j];
                }
            }

            float[]? lagging = pending;
            plan.ForEach(chunk =>
            {
                ScoreCandidates(
                    data, chunk, stale[chunk] ? lagging : null, candidatePanel, candidateRows, trials, paddedTrials, closest,
                    candidatePotential.AsSpan(chunk * paddedTrials, paddedTrials));
                stale[chunk] = false;
            }, cancellationToken);

            int best = BestTrial(candidatePotential, plan.Count, trials, paddedTrials);
            data.Row(candidates[best]).CopyTo(centroids.AsSpan(c * d));
            pending = centroids.AsSpan(c * d, d).ToArray();
            for (int chunk = 0; chunk < plan.Count; chunk++)
            {
                chunkPotential[chunk] = candidatePotential[chunk * paddedTrials + best];
                stale[chunk] = true;
            }
        }

        return centroids;
    }

    /// <summary>Squared distances from each row of a chunk to every candidate (candidates transposed in
    /// <paramref name="panel"/>, one per lane: Σ (x_j − c_j)² by fused multiply-adds, no cancellation), and per
    /// candidate the chunk's potential Σ w·min(D², distance) in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScoreCandidates(
        KMeansData data, int chunk, float[]? lagging, float[] panel, float[] candidateRows, int trials, int paddedTrials,
        float[] closest, Span<double> potential)
    {
        int d = data.Columns;
        ReadOnlySpan<float> points = data.Points.Span;
        ReadOnlySpan<float> weights = data.Weights.Span;
        int start = ChunkPlan.Start(chunk);
        ref float panelRef = ref MemoryMarshal.GetArrayDataReference(panel);
        int end = start + data.Plan.Length(chunk);

        // Whole blocks of sixteen rows go through the row-lane kernel; the rest (and machines without AVX-512) through
        // the candidate-per-lane loop below. Both compute each distance identically.
        Span<double> blockPotential = stackalloc double[paddedTrials];
        blockPotential.Clear();
        int tail = RowTile.IsSupported && d > 0
            ? CandidateRowLanes.Score(points, weights, d, start, end, lagging, candidateRows, trials, closest, blockPotential)
            : start;
        if (lagging is not null)
        {
            KeepCloser(data, tail, end, lagging, closest);
        }

        for (int t = 0; t < paddedTrials; t += CandidateLanes)
        {
            Vector256<double> lower = default, upper = default;
            int i = tail;

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

                Record(a0, closest[i], weights.IsEmpty ? 1.0 : weights[i], ref lower, ref upper);
                Record(a1, closest[i + 1], weights.IsEmpty ? 1.0 : weights[i + 1], ref lower, ref upper);
                Record(a2, closest[i + 2], weights.IsEmpty ? 1.0 : weights[i + 2], ref lower, ref upper);
                Record(a3, closest[i + 3], weights.IsEmpty ? 1.0 : weights[i + 3], ref lower, ref upper);
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

                Record(acc, closest[i], weights.IsEmpty ? 1.0 : weights[i], ref lower, ref upper);
            }

            lower.CopyTo(potential.Slice(t, 4));
            upper.CopyTo(potential.Slice(t + 4, 4));
        }

        for (int t = 0; t < paddedTrials; t++)
        {
            potential[t] += blockPotential[t];

        }

        // Adds w·min(D², distance) to the potentials.
        static void Record(
            Vector256<float> distance, float closest, double weight, ref Vector256<double> lower, ref Vector256<double> upper)
        {
            var (lo, hi) = Vector256.Widen(Vector256.MinNative(distance, Vector256.Create(closest)));
            var w = Vector256.Create(weight);
            lower = Vector256.FusedMultiplyAdd(lo, w, lower);
            upper = Vector256.FusedMultiplyAdd(hi, w, upper);
        }
    }

    /// <summary>D² = min(D², ‖x − c‖²) for rows [start, end), with the arithmetic of a
    /// <see cref="ScoreCandidates"/> lane (float differences, fused multiply-adds in feature order from zero), so the
    /// values equal the ones the winner was scored with. Eight rows at a time keep eight chains in flight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KeepCloser(KMeansData data, int start, int end, float[] centre, float[] closest)
    {
        int d = data.Columns;
        ReadOnlySpan<float> points = data.Points.Span;
        if (points.Length < end * d || centre.Length < d)
        {
            throw new ArgumentException("The rows lie outside the data.", nameof(end));
        }

        ref float c = ref MemoryMarshal.GetArrayDataReference(centre);
        ref float x0 = ref MemoryMarshal.GetReference(points);
        int i = RowTile.IsSupported ? CandidateRowLanes.KeepCloser(points, d, start, end, centre, closest) : start;
        for (; i + 8 <= end; i += 8)
        {
            ref float row = ref Unsafe.Add(ref x0, i * d);
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            for (int j = 0; j < d; j++)
            {
                float cj = Unsafe.Add(ref c, j);
                a0 = Squared(Unsafe.Add(ref row, j) - cj, a0);
                a1 = Squared(Unsafe.Add(ref row, d + j) - cj, a1);
                a2 = Squared(Unsafe.Add(ref row, (2 * d) + j) - cj, a2);
                a3 = Squared(Unsafe.Add(ref row, (3 * d) + j) - cj, a3);
                a4 = Squared(Unsafe.Add(ref row, (4 * d) + j) - cj, a4);
                a5 = Squared(Unsafe.Add(ref row, (5 * d) + j) - cj, a5);
                a6 = Squared(Unsafe.Add(ref row, (6 * d) + j) - cj, a6);
                a7 = Squared(Unsafe.Add(ref row, (7 * d) + j) - cj, a7);
            }

            closest[i] = Math.Min(closest[i], a0);
            closest[i + 1] = Math.Min(closest[i + 1], a1);
            closest[i + 2] = Math.Min(closest[i + 2], a2);
            closest[i + 3] = Math.Min(closest[i + 3], a3);
            closest[i + 4] = Math.Min(closest[i + 4], a4);
            closest[i + 5] = Math.Min(closest[i + 5], a5);
            closest[i + 6] = Math.Min(closest[i + 6], a6);
            closest[i + 7] = Math.Min(closest[i + 7], a7);
        }

        for (; i < end; i++)
        {
            ref float row = ref Unsafe.Add(ref x0, i * d);
            float acc = 0;
            for (int j = 0; j < d; j++)
            {
                acc = Squared(Unsafe.Add(ref row, j) - Unsafe.Add(ref c, j), acc);
            }

            closest[i] = Math.Min(closest[i], acc);
        }

        static float Squared(float diff, float acc) => MathF.FusedMultiplyAdd(diff, diff, acc);
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
        int chunk = PickChunk(chunkWeights, target, out double before);
        return PickInChunk(data, score, chunk, before, target);
    }

    /// <summary>The chunk holding the running total <paramref name="target"/>, and the total before it.</summary>
    internal static int PickChunk(double[] chunkWeights, double target, out double before)
    {
        int chunk = 0;
        before = 0;
        while (chunk < chunkWeights.Length - 1 && before + chunkWeights[chunk] < target)
        {
            before += chunkWeights[chunk];
            chunk++;
        }

        return chunk;
    }

    /// <summary>The row of <paramref name="chunk"/> where the running total reaches <paramref name="target"/>.</summary>
    internal static int PickInChunk(KMeansData data, float[]? score, int chunk, double before, double target)
    {
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
