namespace Loyalty.Core.Features;

/// <summary>
/// One customer's purchase days condensed so that partials from several shards combine exactly into the summary of
/// the union. Built per calendar day (same-day purchases already merged).
/// </summary>
/// <remarks>Shards must not split one customer's calendar day between them — partitioning the log by customer,
/// or by date at day boundaries, satisfies this. A detectable split (the same first or last day in two shards) is
/// an error.
/// Thread safety: immutable; safe to share between threads.</remarks>
/// <param name="CustomerId">The customer.</param>
/// <param name="FirstPurchase">Day of the first purchase (in any period).</param>
/// <param name="FirstPurchaseAmount">Amount of the first purchase day.</param>
/// <param name="LastCalibrationPurchase">Last purchase day in the calibration period.</param>
/// <param name="CalibrationDays">Purchase days in the calibration period (including the first).</param>
/// <param name="CalibrationAmount">Total amount of the calibration purchase days.</param>
/// <param name="HoldoutDays">Purchase days in the holdout window.</param>
/// <param name="HoldoutAmount">Total amount of the holdout purchase days.</param>
public readonly record struct CustomerRfmPartial(
    CustomerId CustomerId,
    DateOnly FirstPurchase,
    double FirstPurchaseAmount,
    DateOnly LastCalibrationPurchase,
    int CalibrationDays,
    double CalibrationAmount,
    int HoldoutDays,
    double HoldoutAmount)
{
    /// <summary>Combines two partials of the same customer from disjoint shards.</summary>
    /// <exception cref="ArgumentException">Different customers, or both shards hold the same first or last
    /// calibration day (a day split between shards).</exception>
    public static CustomerRfmPartial Merge(in CustomerRfmPartial a, in CustomerRfmPartial b)
    {
        if (a.CustomerId != b.CustomerId)
        {
            throw new ArgumentException($"Cannot merge partials of customers '{a.CustomerId}' and '{b.CustomerId}'.", nameof(b));
        }

        bool bothCalibrated = a.CalibrationDays > 0 && b.CalibrationDays > 0;
        if (a.FirstPurchase == b.FirstPurchase || (bothCalibrated && a.LastCalibrationPurchase == b.LastCalibrationPurchase))
        {
            throw new ArgumentException(
                $"Customer '{a.CustomerId}' has purchases on the same day in two shards; shard the log by customer or by whole days.",
                nameof(b));
        }

        var first = a.FirstPurchase < b.FirstPurchase ? a : b;
        DateOnly last = a.CalibrationDays == 0 ? b.LastCalibrationPurchase
            : b.CalibrationDays == 0 ? a.LastCalibrationPurchase
            : a.LastCalibrationPurchase > b.LastCalibrationPurchase ? a.LastCalibrationPurchase : b.LastCalibrationPurchase;
        return new CustomerRfmPartial(
            a.CustomerId,
            first.FirstPurchase,
            first.FirstPurchaseAmount,
            last,
            a.CalibrationDays + b.CalibrationDays,
            a.CalibrationAmount + b.CalibrationAmount,
            a.HoldoutDays + b.HoldoutDays,
            a.HoldoutAmount + b.HoldoutAmount);
    }

    /// <summary>The summary in the lifetimes convention; null when the customer made no purchase in calibration.</summary>
    /// <param name="window">The window the partial was built for.</param>
    public CustomerSummary? ToSummary(SummaryWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (CalibrationDays == 0)
        {
            return null;
        }

        double unit = window.Unit.Days();
        int calibrationEnd = DateOnly.FromDateTime(window.CalibrationEnd).DayNumber;
        int x = CalibrationDays - 1;
        HoldoutObservation? holdout = null;
        if (window.ObservationEnd is { } end)
        {
            int observationEnd = DateOnly.FromDateTime(end).DayNumber;
            holdout = new HoldoutObservation(
                HoldoutDays,
                (observationEnd - calibrationEnd) / unit,
                HoldoutDays > 0 ? HoldoutAmount / HoldoutDays : 0.0);
        }

        return new CustomerSummary(
            CustomerId,
            x,
            (LastCalibrationPurchase.DayNumber - FirstPurchase.DayNumber) / unit,
            (calibrationEnd - FirstPurchase.DayNumber) / unit,
            x > 0 ? (CalibrationAmount - FirstPurchaseAmount) / x : 0.0,
            holdout);
    }
}
