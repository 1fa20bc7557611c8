using Loyalty.Core.Collection;

namespace Loyalty.Core.Features;

/// <summary>How to summarise a transaction log into RFM summaries (lifetimes convention).</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RfmOptions
{
    /// <summary>The unit of recency, T and durations. <value>The default value is <see cref="Core.TimeUnit.Day"/>.</value></summary>
    public TimeUnit TimeUnit { get; init; } = TimeUnit.Day;

    /// <summary>Last day of the calibration period (inclusive). Null takes the day of the last transaction.
    /// <value>The default value is null.</value></summary>
    public DateTime? CalibrationEnd { get; init; }

    /// <summary>Last day of the holdout window (inclusive); null for no holdout. Transactions after the
    /// observation end (or after the calibration end when there is no holdout) are left out and counted.
    /// <value>The default value is null.</value></summary>
    public DateTime? ObservationEnd { get; init; }

    /// <summary>Cleaning rules for returns and identical rows. <value>The default value is <see cref="CleaningPolicy.Default"/>.</value></summary>
    public CleaningPolicy Cleaning { get; init; } = CleaningPolicy.Default;

    /// <summary>Checks the options; every problem is reported in one exception.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid; the message lists them all.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(TimeUnit))
        {
            errors.Add($"{nameof(TimeUnit)}: unknown time unit {(int)TimeUnit}; expected day, week or month.");
        }

        if (ObservationEnd is { } obs && CalibrationEnd is { } cal && obs.Date <= cal.Date)
        {
            errors.Add($"{nameof(ObservationEnd)} ({obs:yyyy-MM-dd}) must be after {nameof(CalibrationEnd)} ({cal:yyyy-MM-dd}).");
        }

        if (ObservationEnd is not null && CalibrationEnd is null)
        {
            errors.Add($"{nameof(ObservationEnd)} needs an explicit {nameof(CalibrationEnd)}.");
        }

        if (Cleaning is null)
        {
            errors.Add($"{nameof(Cleaning)}: a policy is required.");
        }
        else
        {
            try
            {
                Cleaning.Validate();
            }
            catch (ArgumentException ex)
            {
                errors.Add(ex.Message);
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid RFM options:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }
    }
}
