using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

public sealed class DiagonalSchedulerTests
{
    /// <summary>Each cell of a g×g grid records the step of every visit; any thread count must see each row-block and
    /// each column in step order and never two blocks of one row or column at once.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Run_AnyThreads_RowsAndColumnsVisitedInStepOrderWithoutOverlap(int threads)
    {
        const int grid = 6;
        var random = new Random(3);
        int[] diagonals = [.. Enumerable.Range(0, 40).SelectMany(_ => BlockedRatings.Permutation(grid, random))];
        var lastRowStep = Enumerable.Repeat(-1, grid).ToArray();
        var lastColumnStep = Enumerable.Repeat(-1, grid).ToArray();
        var busyRows = new int[grid];
        var busyColumns = new int[grid];
        int violations = 0;
        DiagonalScheduler.Run(grid, diagonals, threads, (step, row) =>
        {
            int column = (row + diagonals[step]) % grid;
            bool rowFree = Interlocked.Increment(ref busyRows[row]) == 1;
            bool columnFree = Interlocked.Increment(ref busyColumns[column]) == 1;
            if (!rowFree || !columnFree)
            {
                Interlocked.Increment(ref violations);
            }

            if (lastRowStep[row] != step - 1 || lastColumnStep[column] != step - 1)
            {
                Interlocked.Increment(ref violations);
            }

            Thread.SpinWait(200);
            lastRowStep[row] = step;
            lastColumnStep[column] = step;
            Interlocked.Decrement(ref busyRows[row]);
            Interlocked.Decrement(ref busyColumns[column]);
        }, CancellationToken.None);

        Assert.Equal(0, violations);
        Assert.All(lastRowStep, s => Assert.Equal(diagonals.Length - 1, s));
    }

    [Fact]
    public void Run_BodyThrowsOnTwoThreads_RethrowsOriginalAndStops()
    {
        int calls = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => DiagonalScheduler.Run(4, new int[100], 2, (step, _) =>
        {
            Interlocked.Increment(ref calls);
            if (step == 3)
            {
                throw new InvalidOperationException("boom");
            }
        }, CancellationToken.None));
        Assert.Equal("boom", ex.Message);
        Assert.True(calls < 400, $"{calls} blocks ran after the failure");
    }

    [Fact]
    public void Run_CancelledOnTwoThreads_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => DiagonalScheduler.Run(4, new int[100], 2, (step, _) =>
        {
            if (step == 5)
            {
                cts.Cancel();
            }
        }, cts.Token));
    }

    [Fact]
    public void HandOutOrder_EachStep_PermutesRowBlocksStartingWithIdentity()
    {
        const int grid = 8;
        var random = new Random(4);
        int[] diagonals = [.. Enumerable.Range(0, 30).SelectMany(_ => BlockedRatings.Permutation(grid, random))];
        int[] order = DiagonalScheduler.HandOutOrder(grid, diagonals);
        Assert.Equal(diagonals.Length * grid, order.Length);
        Assert.Equal(Enumerable.Range(0, grid), order[..grid]);
        for (int step = 0; step < diagonals.Length; step++)
        {
            Assert.Equal(Enumerable.Range(0, grid), order.Skip(step * grid).Take(grid).Order());
        }
    }
}
