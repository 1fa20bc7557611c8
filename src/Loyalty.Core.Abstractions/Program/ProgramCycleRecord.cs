namespace Loyalty.Core;

/// <summary>How far a program cycle has got. Stages only move forward; a cycle interrupted at any stage is resumed
/// from it by the next run.</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum ProgramCycleStage
{
    /// <summary>The cycle is recorded (its number and as-of time are fixed).</summary>
    Started = 0,
    /// <summary>Outcomes of earlier decisions are applied to the learner's state.</summary>
    Learned = 1,
    /// <summary>Decisions and the outbox are written (in one transaction).</summary>
    Decided = 2,
    /// <summary>Every offer of the cycle left the outbox (delivered, or failed for good).</summary>
    Delivered = 3,
    /// <summary>Nothing is left to do for the cycle.</summary>
    Completed = 4,
}

/// <summary>One cycle of a loyalty program as the store keeps it.</summary>
/// <param name="Program">The program's name (one store may hold several programs).</param>
/// <param name="Cycle">The cycle's number, 1, 2, … within the program.</param>
/// <param name="AsOf">The time the cycle decides at: summaries end the day before, decision windows start here.</param>
/// <param name="Stage">How far the cycle has got.</param>
/// <param name="PolicyName">The policy that decides in this cycle.</param>
/// <param name="PolicyVersion">Its version (changes when its code or settings change).</param>
/// <param name="Budget">The cycle's budget in money (expected reward cost of its offers).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ProgramCycleRecord(
    string Program,
    int Cycle,
    DateTime AsOf,
    ProgramCycleStage Stage,
    string PolicyName,
    string PolicyVersion,
    decimal Budget);
