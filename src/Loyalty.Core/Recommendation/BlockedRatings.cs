namespace Loyalty.Core.Recommendation;

/// <summary>The ratings cut into a g×g grid of blocks after a random relabelling of users and items (as LIBMF's
/// FPSGD). Blocks on one "diagonal" {(b, (b + d) mod g)} share no user and no item, so they can be updated
/// concurrently without locks; the result does not depend on which thread takes which block.</summary>
internal sealed class BlockedRatings
{
    /// <summary>Interleaved runs per block (see <see cref="Interleave"/>).</summary>
    internal const int Streams = 4;

    private readonly RatingEntry[][] _blocks;

    private BlockedRatings(int grid, RatingEntry[][] blocks, int[]? userLabel, int[]? itemLabel)
    {
        Grid = grid;
        _blocks = blocks;
        UserLabel = userLabel;
        ItemLabel = itemLabel;
    }

    /// <summary>The training row of each user (null: its own index). Block entries hold these labels, and the
    /// training rows are stored in label order (<see cref="AugmentedFactors"/>), so the users of a block are
    /// contiguous in memory and each interleaved run walks its rows forwards: the hardware prefetcher follows it and
    /// the rows share pages (fewer TLB misses) instead of being scattered over the whole matrix.</summary>
    internal int[]? UserLabel { get; }

    /// <summary>The training row of each item (null: its own index).</summary>
    internal int[]? ItemLabel { get; }

    /// <summary>The grid for a thread count: at least 8×8 so a block's item rows fit in a core's L2 cache even on one
    /// thread, and 2·threads so every thread has blocks to take. Up to 4 threads the grid, hence the result, is the
    /// same for any thread count.</summary>
    internal static int GridFor(int threads) => Math.Max(8, 2 * threads);

    /// <summary>g: the grid is g×g blocks.</summary>
    internal int Grid { get; }

    internal RatingEntry[] Block(int rowBlock, int columnBlock) => _blocks[(rowBlock * Grid) + columnBlock];

    /// <summary>The block that row-block <paramref name="rowBlock"/> updates during diagonal
    /// <paramref name="diagonal"/>.</summary>
    internal RatingEntry[] OnDiagonal(int diagonal, int rowBlock) => Block(rowBlock, (rowBlock + diagonal) % Grid);

    /// <summary>Builds the grid. Inside a block ratings are sorted by relabelled user, then relabelled item: a user's
    /// factor row stays in cache across its ratings, while the relabelling keeps the visiting order random. Entries
    /// come out relabelled (<see cref="UserLabel"/>).</summary>
    internal static BlockedRatings Build(RatingEntry[] entries, int users, int items, int grid, Random random)
    {
        grid = Math.Max(1, Math.Min(grid, Math.Min(users, items)));
        int[] userLabel = Permutation(users, random);
        int[] itemLabel = Permutation(items, random);
        var counts = new int[grid * grid];
        foreach (var e in entries)
        {
            counts[BlockOf(e, userLabel, itemLabel, users, items, grid)]++;
        }

        var blocks = new RatingEntry[grid * grid][];
        for (int b = 0; b < blocks.Length; b++)
        {
            blocks[b] = new RatingEntry[counts[b]];
        }

        Array.Clear(counts);
        foreach (var e in entries)
        {
            int b = BlockOf(e, userLabel, itemLabel, users, items, grid);
            blocks[b][counts[b]++] = e;
        }

        for (int b = 0; b < blocks.Length; b++)
        {
            var block = blocks[b];
            var keys = new long[block.Length];
            for (int i = 0; i < block.Length; i++)
            {
                keys[i] = ((long)userLabel[block[i].User] << 32) | (uint)itemLabel[block[i].Item];
            }

            Array.Sort(keys, block);
            for (int i = 0; i < block.Length; i++)
            {
                block[i] = new RatingEntry(userLabel[block[i].User], itemLabel[block[i].Item], block[i].Value);
            }

            blocks[b] = Interleave(block, Streams);
        }

        return new BlockedRatings(grid, blocks, userLabel, itemLabel);
    }

    /// <summary>One block holding Surprise's visiting order (<see cref="SgdSchedule.Sequential"/>): users by dense
    /// index, which is their order of first appearance, and each user's ratings in input order (a stable counting
    /// sort of <paramref name="entries"/>, which are in input order).</summary>
    internal static BlockedRatings Sequential(RatingEntry[] entries, int users)
    {
        var start = new int[users + 1];
        foreach (var e in entries)
        {
            start[e.User + 1]++;
        }

        for (int u = 0; u < users; u++)
        {
            start[u + 1] += start[u];
        }

        var ordered = new RatingEntry[entries.Length];
        foreach (var e in entries)
        {
            ordered[start[e.User]++] = e;
        }

        return new BlockedRatings(1, [ordered], null, null);
    }

    /// <summary>Ratings of one user follow each other in a sorted block, so each update waits for the previous one
    /// to store p_u. Dealing the block out as <paramref name="streams"/> interleaved runs (c0[0], c1[0], …, c0[1], …)
    /// gives the CPU independent updates to overlap while each run keeps its user locality.</summary>
    internal static RatingEntry[] Interleave(RatingEntry[] sorted, int streams)
    {
        if (streams <= 1 || sorted.Length < 2 * streams)
        {
            return sorted;
        }

        var result = new RatingEntry[sorted.Length];
        int chunk = (sorted.Length + streams - 1) / streams;
        int at = 0;
        for (int step = 0; step < chunk; step++)
        {
            for (int s = 0; s < streams; s++)
            {
                int from = (s * chunk) + step;
                if (from < sorted.Length && step < Math.Min(chunk, sorted.Length - (s * chunk)))
                {
                    result[at++] = sorted[from];
                }
            }
        }

        return result;
    }

    private static int BlockOf(RatingEntry e, int[] userLabel, int[] itemLabel, int users, int items, int grid)
    {
        int row = (int)((long)userLabel[e.User] * grid / users);
        int column = (int)((long)itemLabel[e.Item] * grid / items);
        return (row * grid) + column;
    }

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher–Yates).</summary>
    internal static int[] Permutation(int n, Random random)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        random.Shuffle(p);
        return p;
    }
}
