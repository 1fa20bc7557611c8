namespace Loyalty.Core;

/// <summary>
/// A customer's purchase history condensed in the convention of the buy-till-you-die literature and the lifetimes
/// package: same-day purchases merged, the first purchase marks the start of the relationship.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Frequency">x: the number of repeat purchase days in the calibration period (distinct purchase days − 1).</param>
/// <param name="Recency">t_x: time from the first to the last purchase, in the summary's time unit (0 when x = 0).</param>
/// <param name="T">Age: time from the first purchase to the end of the calibration period.</param>
/// <param name="MonetaryValue">Mean amount of the repeat purchase days (the first purchase left out); 0 when x = 0.</param>
/// <param name="Holdout">What the customer did after the calibration period, when a holdout window was asked for.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct CustomerSummary(
    CustomerId CustomerId,
    int Frequency,
    double Recency,
    double T,
    double MonetaryValue,
    HoldoutObservation? Holdout = null);

/// <summary>A customer's activity in the holdout window that follows calibration.</summary>
/// <param name="Frequency">Purchase days in the holdout window.</param>
/// <param name="Duration">Length of the holdout window in the summary's time unit.</param>
/// <param name="MonetaryValue">Mean amount of the holdout purchase days; 0 when there were none.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct HoldoutObservation(int Frequency, double Duration, double MonetaryValue);

/// <summary>The period a summary describes.</summary>
/// <param name="CalibrationEnd">Last calendar day of the calibration period (inclusive).</param>
/// <param name="ObservationEnd">Last day of the holdout window (inclusive); null for no holdout.</param>
/// <param name="Unit">The time unit of recency, T and durations.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record SummaryWindow(DateTime CalibrationEnd, DateTime? ObservationEnd, TimeUnit Unit)
{
    /// <summary>Checks the window.</summary>
    /// <exception cref="ArgumentException">The observation end is not after the calibration end.</exception>
    public void Validate()
    {
        _ = Unit.Days();
        if (ObservationEnd is { } end && end.Date <= CalibrationEnd.Date)
        {
            throw new ArgumentException(
                $"ObservationEnd ({end:yyyy-MM-dd}) must be after CalibrationEnd ({CalibrationEnd:yyyy-MM-dd}).",
                nameof(ObservationEnd));
        }
    }
}
