using Loyalty.Core.Collection;
using Loyalty.Core.Validation;

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
    /// <exception cref="ArgumentException">One or more options are invalid; the message lists them all, each named as
    /// <c>RfmOptions.Property</c> (the cleaning policy's as <c>RfmOptions.Cleaning.Property</c>).</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(RfmOptions));
        Collect(v);
        v.ThrowIfInvalid();
    }

    /// <summary>Adds every problem of the options to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v)
    {
        v.Defined(nameof(TimeUnit), TimeUnit);
        if (ObservationEnd is { } obs && CalibrationEnd is { } cal)
        {
            v.Require(obs.Date > cal.Date, nameof(ObservationEnd), $"must be after CalibrationEnd (was {obs:yyyy-MM-dd}; CalibrationEnd is {cal:yyyy-MM-dd})");
        }

        v.Require(ObservationEnd is null || CalibrationEnd is not null, nameof(ObservationEnd), "needs an explicit CalibrationEnd");
        if (v.NotNull(nameof(Cleaning), Cleaning))
        {
            Cleaning.Collect(v.Nested(nameof(Cleaning)));
        }
    }
}
