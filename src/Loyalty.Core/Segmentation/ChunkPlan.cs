namespace Loyalty.Core.Segmentation;

/// <summary>Fixed row chunks that depend only on the row count, never on the thread count. Each chunk writes its
/// own partial results and they are reduced in chunk order, which is what makes a fit bitwise identical for any
/// number of threads.</summary>
internal sealed class ChunkPlan
{
    /// <summary>Rows per chunk: big enough to amortise scheduling, small enough to balance two to many cores.</summary>
    internal const int ChunkRows = 4096;

    internal ChunkPlan(int rows, int maxDegreeOfParallelism)
    {
        Rows = rows;
        Count = (rows + ChunkRows - 1) / ChunkRows;
        Threads = Math.Max(1, maxDegreeOfParallelism);
    }

    /// <summary>Total rows.</summary>
    internal int Rows { get; }

    /// <summary>Number of chunks.</summary>
    internal int Count { get; }

    /// <summary>Threads to use at most.</summary>
    internal int Threads { get; }

    /// <summary>First row of chunk <paramref name="chunk"/>.</summary>
    internal static int Start(int chunk) => chunk * ChunkRows;

    /// <summary>Row count of chunk <paramref name="chunk"/>.</summary>
    internal int Length(int chunk) => Math.Min(ChunkRows, Rows - Start(chunk));

    /// <summary>Runs <paramref name="body"/> once per chunk, on up to <see cref="Threads"/> threads. The body
    /// must write only to state owned by its chunk.</summary>
    internal void ForEach(Action<int> body, CancellationToken cancellationToken)
    {
        if (Threads == 1 || Count == 1)
        {
            for (int c = 0; c < Count; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(c);
            }

            return;
        }

        Parallel.For(
            0, Count,
            new ParallelOptions { MaxDegreeOfParallelism = Threads, CancellationToken = cancellationToken },
            body);
    }
}
