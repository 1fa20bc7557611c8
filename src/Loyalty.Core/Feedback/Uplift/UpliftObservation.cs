namespace Loyalty.Core.Feedback.Uplift;

/// <summary>One unit of a treatment/control experiment.</summary>
/// <param name="Stratum">Key of the unit's covariates (for per-stratum models); empty when there are none.</param>
/// <param name="Treated">True for treated, false for control.</param>
/// <param name="Outcome">Observed outcome (0/1 for rates, money for spend), finite.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record UpliftObservation(string Stratum, bool Treated, double Outcome);
