namespace Loyalty.Core.Programs;

/// <summary>What one program cycle did.</summary>
/// <param name="Cycle">The cycle's number.</param>
/// <param name="AsOf">Its decision time.</param>
/// <param name="Resumed">True when the run resumed a cycle an earlier run had started and not completed.</param>
/// <param name="Candidates">Customers who could receive an offer.</param>
/// <param name="Offers">Offers decided (not held out).</param>
/// <param name="HeldOut">Decisions recorded for held-out customers (nothing sent).</param>
/// <param name="ExpectedCost">Expected reward cost of the offers.</param>
/// <param name="Delivered">Offers the channel accepted in this run (of this cycle and earlier pending ones).</param>
/// <param name="DeliveryFailures">Offers marked failed in this run after their last attempt.</param>
/// <param name="OutcomesApplied">Decision outcomes applied to the learner in this run (first outcomes and changes).</param>
/// <param name="LateOutcomeChanges">Of those, outcomes that changed after they had been applied (late events).</param>
/// <param name="UnknownOfferEvents">Feedback events in the store naming an offer this program never made.</param>
/// <param name="Segments">The cycle's segments.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ProgramCycleResult(
    int Cycle,
    DateTime AsOf,
    bool Resumed,
    int Candidates,
    int Offers,
    int HeldOut,
    double ExpectedCost,
    int Delivered,
    int DeliveryFailures,
    int OutcomesApplied,
    int LateOutcomeChanges,
    int UnknownOfferEvents,
    IReadOnlyList<Segment> Segments,
    TimeSpan Elapsed);
