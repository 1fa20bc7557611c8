namespace Loyalty.Core.Programs;

/// <summary>
/// A loyalty program that runs in cycles on a store (built by <c>LoyaltyPipelineBuilder.BuildProgram</c>). Each
/// <see cref="RunCycleAsync"/> runs the next cycle — learn from outcomes → summarise, value and segment → decide
/// under the budget with a holdout → write decisions and the outbox in one transaction → deliver — or resumes the
/// cycle an interrupted run left, from the stage it reached. All state lives in the store.
/// </summary>
/// <remarks>Thread safety: one cycle at a time per program and store; concurrent runs of the same program are not
/// supported (run it from one scheduler).</remarks>
public sealed class LoyaltyProgram
{
    internal LoyaltyProgram()
    {
    }

    /// <summary>Runs (or resumes) the next cycle.</summary>
    /// <param name="asOf">The decision time of a new cycle; a resumed cycle keeps the time it was started with.</param>
    /// <param name="progress">Told when each stage starts.</param>
    /// <param name="cancellationToken">Stops between and inside stages; the next run resumes.</param>
    public Task<ProgramCycleResult> RunCycleAsync(DateTime asOf, IProgress<ProgramProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Contract placeholder: implemented by the program engine.");
}

/// <summary>Where a program cycle is: stage name, its number and the number of stages.</summary>
/// <param name="Stage">learn, summarise, segment, decide, deliver.</param>
/// <param name="Index">1-based stage number.</param>
/// <param name="Count">Stages in a cycle.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct ProgramProgress(string Stage, int Index, int Count);
