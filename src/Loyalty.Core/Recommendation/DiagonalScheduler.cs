using System.Runtime.ExceptionServices;

namespace Loyalty.Core.Recommendation;

/// <summary>Runs the blocks of a g×g grid step by step, where step s updates the diagonal
/// {(b, (b + d_s) mod g)}: the same arithmetic as running every step to completion before the next, but without a
/// barrier between steps. Threads take blocks step by step from a shared counter (within a step in
/// <see cref="HandOutOrder"/>), and a block waits only for the two blocks it depends on: the previous step's block of
/// its row-block and the previous step's block of its column.</summary>
/// <remarks>Why no barrier: with a barrier per diagonal every thread waits for the slowest block of each step, and
/// on a shared machine a descheduled thread stalls all the others at every step. Every block still sees its row and
/// column exactly as the step-by-step order leaves them, so the result does not depend on the thread count or on
/// timing. No deadlock: a block depends only on blocks taken before it, and the earliest unfinished block has all its
/// inputs done.</remarks>
internal static class DiagonalScheduler
{
    /// <summary>Calls <paramref name="body"/>(step, rowBlock) for every step of <paramref name="diagonals"/> and every
    /// row-block, on up to <paramref name="threads"/> threads. The first exception (cancellation included) stops the
    /// other threads and is rethrown.</summary>
    internal static void Run(int grid, int[] diagonals, int threads, Action<int, int> body, CancellationToken cancellationToken)
    {
        int steps = diagonals.Length;
        if (threads <= 1 || grid <= 1)
        {
            for (int s = 0; s < steps; s++)
            {
                for (int b = 0; b < grid; b++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    body(s, b);
                }
            }

            return;
        }

        var state = new State(grid, diagonals, body, cancellationToken);
        Parallel.For(0, Math.Min(threads, grid), new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => state.Work());
        state.Failure?.Throw();
    }

    /// <summary>The order in which the blocks of each step are handed out: by when their inputs are expected to be
    /// ready, i.e. by the later of the positions of their two predecessors in the previous step's order. Handing out
    /// step s+1 in plain row order makes its first blocks wait for whichever blocks of step s happened to come last;
    /// any order gives the same result, since a block still waits for its inputs.</summary>
    internal static int[] HandOutOrder(int grid, int[] diagonals)
    {
        int steps = diagonals.Length;
        var order = new int[steps * grid];
        var position = new int[grid];
        var key = new long[grid];
        var rows = new int[grid];
        for (int b = 0; b < grid; b++)
        {
            order[b] = b;
            position[b] = b;
        }

        for (int s = 1; s < steps; s++)
        {
            for (int b = 0; b < grid; b++)
            {
                int previousColumnUser = (b + diagonals[s] - diagonals[s - 1] + (2 * grid)) % grid;
                int ready = Math.Max(position[b], position[previousColumnUser]);
                key[b] = ((long)ready * grid) + position[b];
                rows[b] = b;
            }

            Array.Sort(key, rows);
            for (int k = 0; k < grid; k++)
            {
                order[(s * grid) + k] = rows[k];
                position[rows[k]] = k;
            }
        }

        return order;
    }

    private sealed class State(int grid, int[] diagonals, Action<int, int> body, CancellationToken cancellationToken)
    {
        private readonly int _total = diagonals.Length * grid;
        private readonly int[] _order = HandOutOrder(grid, diagonals);
        private readonly object _gate = new();

        /// <summary>Steps each row-block has finished: row-block b has done steps 0..done[b]−1.</summary>
        private readonly int[] _done = new int[grid];
        private int _next = -1;
        private volatile bool _stop;

        internal ExceptionDispatchInfo? Failure { get; private set; }

        internal void Work()
        {
            try
            {
                while (!_stop)
                {
                    int n = Interlocked.Increment(ref _next);
                    if (n >= _total)
                    {
                        return;
                    }

                    int step = n / grid;
                    int row = _order[n];
                    // Own row-block's previous block, then the previous user of this step's column.
                    if (!WaitUntilDone(row, step))
                    {
                        return;
                    }

                    if (step > 0)
                    {
                        int column = (row + diagonals[step]) % grid;
                        int previousRow = (column - diagonals[step - 1] + grid) % grid;
                        if (!WaitUntilDone(previousRow, step))
                        {
                            return;
                        }
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    body(step, row);
                    Volatile.Write(ref _done[row], step + 1);
                }
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    Failure ??= ExceptionDispatchInfo.Capture(ex);
                }

                _stop = true;
            }
        }

        /// <summary>Spins (yielding, never sleeping a whole millisecond) until row-block <paramref name="row"/> has
        /// finished <paramref name="steps"/> steps; false when another thread failed.</summary>
        private bool WaitUntilDone(int row, int steps)
        {
            var spin = default(SpinWait);
            while (Volatile.Read(ref _done[row]) < steps)
            {
                if (_stop)
                {
                    return false;
                }

                spin.SpinOnce(sleep1Threshold: -1);
            }

            return true;
        }
    }
}
