using System.Buffers;
using System.Runtime.CompilerServices;

namespace Loyalty.Core.Segmentation;

/// <summary>Centroid sums and weights of fixed row blocks, kept across Lloyd iterations. A block's partial sums
/// depend only on its rows and labels, so a block whose labels did not change keeps last iteration's partials
/// instead of adding its rows again; late iterations, where few labels move, then cost little more than the
/// assignment. Blocks are added into their chunk and chunks into the totals in a fixed order, so the result does
/// not depend on which blocks were recomputed or on the thread count: it is bitwise what a full recomputation
/// gives.</summary>
/// <remarks>The block sums (about an eighth of the data's size for k = d = 16) come from the shared array pool and go
/// back on <see cref="Dispose"/>: on this kind of virtual machine first-touching fresh memory costs about 3.5 ms per
/// MB, a third of a Lloyd iteration for 1M × 16 points, which a service fitting again would pay on every fit.</remarks>
internal sealed class PartialSumCache : IDisposable
{
    private readonly KMeansData _data;
    private readonly int _k;
    private readonly int _sumLength;
    private readonly double[] _blockSums;
    private readonly double[] _blockCounts;
    private readonly bool[] _blockValid;
    private readonly double[] _chunkSums;
    private readonly double[] _chunkCounts;
    private readonly int[] _changed;

    internal PartialSumCache(KMeansData data, int k)
    {
        _data = data;
        _k = k;
        _sumLength = k * data.Columns;
        BlockRows = ChooseBlockRows(k, data.Columns);
        int blocks = (data.Rows + BlockRows - 1) / BlockRows;
        _blockSums = ArrayPool<double>.Shared.Rent((long)blocks * _sumLength <= Array.MaxLength ? blocks * _sumLength : throw TooLarge());
        _blockCounts = new double[blocks * k];
        _blockValid = new bool[blocks];
        _chunkSums = new double[data.Plan.Count * _sumLength];
        _chunkCounts = new double[data.Plan.Count * k];
        _changed = new int[data.Plan.Count];
    }

    /// <summary>Rows per cached block: 256, or more (up to a whole chunk) when k is large, so the cache stays within
    /// about half the size of the data (k(d + 1) doubles per block against 4d bytes per row).</summary>
    internal int BlockRows { get; }

    /// <summary>Runs one assignment pass: <paramref name="assign"/> writes the nearest centroid of rows
    /// [start, start + nearest.Length) into nearest; labels are updated and the partials of blocks whose labels
    /// changed are recomputed. Then the chunk totals are added into <paramref name="sums"/> and
    /// <paramref name="counts"/> in chunk order.</summary>
    /// <returns>How many labels changed.</returns>
    internal int Pass(NearestAssigner assign, int[] labels, Span<double> sums, Span<double> counts, CancellationToken cancellationToken)
    {
        var plan = _data.Plan;
        plan.ForEach(chunk => _changed[chunk] = PassChunk(chunk, assign, labels), cancellationToken);
        sums.Clear();
        counts.Clear();
        int changed = 0;
        for (int chunk = 0; chunk < plan.Count; chunk++)
        {
            AddInto(sums, _chunkSums.AsSpan(chunk * _sumLength, _sumLength));
            AddInto(counts, _chunkCounts.AsSpan(chunk * _k, _k));
            changed += _changed[chunk];
        }

        return changed;
    }

    // Fully optimised from the first call: a fit runs only tens of passes, too few to wait for tiered compilation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int PassChunk(int chunk, NearestAssigner assign, int[] labels)
    {
        int d = _data.Columns;
        int chunkStart = ChunkPlan.Start(chunk);
        int chunkEnd = chunkStart + _data.Plan.Length(chunk);
        ReadOnlySpan<float> points = _data.Points.Span;
        ReadOnlySpan<float> weights = _data.Weights.Span;
        // The whole chunk is assigned first, in one uninterrupted stream over its rows (which then sit in L2 for
        // the sums): assigning block by block between accumulations was 30 % slower, as each block restarted the
        // hardware prefetcher's stream.
        Span<int> nearest = stackalloc int[chunkEnd - chunkStart];
        assign(chunkStart, nearest);
        int changed = 0;
        bool dirty = false;
        for (int start = chunkStart; start < chunkEnd; start += BlockRows)
        {
            int length = Math.Min(BlockRows, chunkEnd - start);
            Span<int> blockNearest = nearest.Slice(start - chunkStart, length);
            Span<int> blockLabels = labels.AsSpan(start, length);
            int blockChanged = AssignmentKernel.RecordLabels(blockNearest, blockLabels);
            changed += blockChanged;
            int block = start / BlockRows;
            if (blockChanged > 0 || !_blockValid[block])
            {
                Span<double> blockSums = _blockSums.AsSpan(block * _sumLength, _sumLength);
                Span<double> blockCounts = _blockCounts.AsSpan(block * _k, _k);
                blockSums.Clear();
                blockCounts.Clear();
                AssignmentKernel.AccumulateRows(
                    points.Slice(start * d, length * d), weights.IsEmpty ? default : weights.Slice(start, length),
                    blockLabels, blockSums, blockCounts, d);
                _blockValid[block] = true;
                dirty = true;
            }
        }

        if (dirty)
        {
            Span<double> chunkSums = _chunkSums.AsSpan(chunk * _sumLength, _sumLength);
            Span<double> chunkCounts = _chunkCounts.AsSpan(chunk * _k, _k);
            chunkSums.Clear();
            chunkCounts.Clear();
            for (int start = chunkStart; start < chunkEnd; start += BlockRows)
            {
                int block = start / BlockRows;
                AddInto(chunkSums, _blockSums.AsSpan(block * _sumLength, _sumLength));
                AddInto(chunkCounts, _blockCounts.AsSpan(block * _k, _k));
            }
        }

        return changed;
    }

    /// <summary>Returns the block sums to the pool; the cache must not be used afterwards.</summary>
    public void Dispose() => ArrayPool<double>.Shared.Return(_blockSums);

    private static void AddInto(Span<double> total, ReadOnlySpan<double> part) =>
        System.Numerics.Tensors.TensorPrimitives.Add(total, part, total);

    private static int ChooseBlockRows(int k, int dimensions)
    {
        int rows = 256;
        while (rows < ChunkPlan.ChunkRows && 2.0 * k * (dimensions + 1) * sizeof(double) > rows * 4.0 * Math.Max(1, dimensions))
        {
            rows *= 2;
        }

        return rows;
    }

    private static InvalidOperationException TooLarge() =>
        new("The k-means partial sums would exceed the largest array; reduce K or the number of rows.");
}

/// <summary>Writes the nearest centroid of rows [start, start + nearest.Length) into <paramref name="nearest"/>.</summary>
internal delegate void NearestAssigner(int start, Span<int> nearest);
