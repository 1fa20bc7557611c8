using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Segmentation;

/// <summary>The k-means++ kernels with sixteen rows per vector: rows are transposed sixteen features at a time by
/// <see cref="RowTile"/>, then each lane computes Σ (x_j − c_j)² for its row with float differences and fused
/// multiply-adds in feature order from zero — the same operations, in the same order, as the candidate-per-lane
/// path of <see cref="KMeansPlusPlusInit"/> — so every distance is bitwise the same whichever path computed it.
/// Both methods cover whole blocks of sixteen rows and return where they stopped; the caller finishes the tail.</summary>
internal static class CandidateRowLanes
{
    private const int Lanes = RowTile.Size;

    // Four candidates per pass over a block's columns: four independent chains, one column load for four FMAs.
    private const int Group = 4;

    /// <summary>Adds Σ w·min(D², ‖x − c_t‖²) over rows [start, returned) to potential[t] for each of the
    /// <paramref name="trials"/> candidates (row-major in <paramref name="candidates"/>). When
    /// <paramref name="lagging"/> is given, D² is first lowered to the distance to that centre (and stored), in the
    /// same pass.</summary>
    /// <returns>The first row not covered.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Score(
        ReadOnlySpan<float> points, ReadOnlySpan<float> weights, int d, int start, int end, ReadOnlySpan<float> lagging,
        ReadOnlySpan<float> candidates, int trials, Span<float> closest, Span<double> potential)
    {
        Validate(points, d, end, closest.Length);
        if (candidates.Length < trials * d || potential.Length < trials || (!lagging.IsEmpty && lagging.Length < d))
        {
            throw new ArgumentException("candidates or potential are shorter than the trials.", nameof(candidates));
        }

        int tiles = (d + Lanes - 1) / Lanes;
        int groups = (trials + Group - 1) / Group;
        Span<Vector512<float>> columns = stackalloc Vector512<float>[tiles * Lanes];
        Span<Vector512<double>> sums = stackalloc Vector512<double>[groups * Group * 2];
        sums.Clear();
        ref float pointRef = ref MemoryMarshal.GetReference(points);
        ref float closestRef = ref MemoryMarshal.GetReference(closest);
        ref float candidateRef = ref MemoryMarshal.GetReference(candidates);
        int i = start;
        for (; Fits(i, end, d, tiles, points.Length); i += Lanes)
        {
            for (int m = 0; m < tiles; m++)
            {
                RowTile.Transpose(ref Unsafe.Add(ref pointRef, i * d), d, m * Lanes, columns.Slice(m * Lanes, Lanes));
            }

            var nearest = Vector512.LoadUnsafe(ref closestRef, (nuint)i);
            if (!lagging.IsEmpty)
            {
                nearest = Vector512.MinNative(Distance(columns, lagging, d), nearest);
                nearest.StoreUnsafe(ref closestRef, (nuint)i);
            }

            var (weightLow, weightHigh) = weights.IsEmpty
                ? (Vector512.Create(1.0), Vector512.Create(1.0))
                : Vector512.Widen(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(weights), (nuint)i));
            for (int g = 0; g < groups; g++)
            {
                int t0 = g * Group;
                ref float c0 = ref Unsafe.Add(ref candidateRef, t0 * d);
                ref float c1 = ref Unsafe.Add(ref candidateRef, Math.Min(t0 + 1, trials - 1) * d);
                ref float c2 = ref Unsafe.Add(ref candidateRef, Math.Min(t0 + 2, trials - 1) * d);
                ref float c3 = ref Unsafe.Add(ref candidateRef, Math.Min(t0 + 3, trials - 1) * d);
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int j = 0; j < d; j++)
                {
                    var x = columns[j];
                    var d0 = x - Vector512.Create(Unsafe.Add(ref c0, j));
                    var d1 = x - Vector512.Create(Unsafe.Add(ref c1, j));
                    var d2 = x - Vector512.Create(Unsafe.Add(ref c2, j));
                    var d3 = x - Vector512.Create(Unsafe.Add(ref c3, j));
                    a0 = Vector512.FusedMultiplyAdd(d0, d0, a0);
                    a1 = Vector512.FusedMultiplyAdd(d1, d1, a1);
                    a2 = Vector512.FusedMultiplyAdd(d2, d2, a2);
                    a3 = Vector512.FusedMultiplyAdd(d3, d3, a3);
                }

                // Duplicated candidates of a short last group are computed but not recorded.
                ref Vector512<double> sum = ref sums[t0 * 2];
                Record(a0, nearest, weightLow, weightHigh, ref sum);
                if (t0 + 1 < trials)
                {
                    Record(a1, nearest, weightLow, weightHigh, ref Unsafe.Add(ref sum, 2));
                }

                if (t0 + 2 < trials)
                {
                    Record(a2, nearest, weightLow, weightHigh, ref Unsafe.Add(ref sum, 4));
                }

                if (t0 + 3 < trials)
                {
                    Record(a3, nearest, weightLow, weightHigh, ref Unsafe.Add(ref sum, 6));
                }
            }
        }

        for (int t = 0; t < trials; t++)
        {
            potential[t] += Vector512.Sum(sums[2 * t]) + Vector512.Sum(sums[(2 * t) + 1]);
        }

        return i;
    }

    /// <summary>closest = min(closest, ‖x − centre‖²) over rows [start, returned).</summary>
    /// <returns>The first row not covered.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int KeepCloser(ReadOnlySpan<float> points, int d, int start, int end, ReadOnlySpan<float> centre, Span<float> closest)
    {
        Validate(points, d, end, closest.Length);
        if (centre.Length < d)
        {
            throw new ArgumentException("centre is shorter than a row.", nameof(centre));
        }

        int tiles = (d + Lanes - 1) / Lanes;
        Span<Vector512<float>> columns = stackalloc Vector512<float>[tiles * Lanes];
        ref float pointRef = ref MemoryMarshal.GetReference(points);
        ref float closestRef = ref MemoryMarshal.GetReference(closest);
        int i = start;
        for (; Fits(i, end, d, tiles, points.Length); i += Lanes)
        {
            for (int m = 0; m < tiles; m++)
            {
                RowTile.Transpose(ref Unsafe.Add(ref pointRef, i * d), d, m * Lanes, columns.Slice(m * Lanes, Lanes));
            }

            Vector512.MinNative(Distance(columns, centre, d), Vector512.LoadUnsafe(ref closestRef, (nuint)i))
                .StoreUnsafe(ref closestRef, (nuint)i);
        }

        return i;
    }

    // Σ (x_j − c_j)² per lane, in feature order from zero.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Distance(ReadOnlySpan<Vector512<float>> columns, ReadOnlySpan<float> centre, int d)
    {
        ref float c = ref MemoryMarshal.GetReference(centre);
        Vector512<float> acc = default;
        for (int j = 0; j < d; j++)
        {
            var diff = columns[j] - Vector512.Create(Unsafe.Add(ref c, j));
            acc = Vector512.FusedMultiplyAdd(diff, diff, acc);
        }

        return acc;
    }

    // A whole block fits when its sixteen rows end by `end` and every tile read (sixteen floats per row and tile)
    // stays inside the data.
    private static bool Fits(int i, int end, int d, int tiles, int length) =>
        i + Lanes <= end && ((long)(i + Lanes - 1) * d) + ((long)tiles * Lanes) <= length;

    // potential += w·min(D², distance), widened to double (lanes 0-7 and 8-15 separately).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Record(
        Vector512<float> distance, Vector512<float> nearest, Vector512<double> weightLow, Vector512<double> weightHigh,
        ref Vector512<double> sum)
    {
        var (low, high) = Vector512.Widen(Vector512.MinNative(distance, nearest));
        sum = Vector512.FusedMultiplyAdd(low, weightLow, sum);
        Unsafe.Add(ref sum, 1) = Vector512.FusedMultiplyAdd(high, weightHigh, Unsafe.Add(ref sum, 1));
    }

    private static void Validate(ReadOnlySpan<float> points, int d, int end, int closestLength)
    {
        if (d < 1 || (long)end * d > points.Length || end > closestLength)
        {
            throw new ArgumentException("The rows lie outside the data.", nameof(points));
        }
    }
}
