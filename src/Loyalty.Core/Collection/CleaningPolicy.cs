using Loyalty.Core.Validation;

namespace Loyalty.Core.Collection;

/// <summary>What to do with transactions whose amount is negative (returns, refunds).</summary>
/// <remarks>Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum ReturnPolicy
{
    /// <summary>Treat a negative amount as bad input: an error naming the row (or a rejected row when rejections
    /// are allowed).</summary>
    Reject = 0,

    /// <summary>Leave returns out of the summaries, counting them in the data-quality report.</summary>
    Drop = 1,

    /// <summary>Keep a return as a purchase day with a negative amount (rarely what you want; for raw analysis).</summary>
    Keep = 2,

    /// <summary>Subtract a return from the customer's most recent purchase day on or before it; a day whose net
    /// amount falls to zero or below is no longer a purchase. Returns with no earlier purchase are counted as
    /// unmatched and left out.</summary>
    Net = 3,
}

/// <summary>What to do with rows that repeat another row exactly (same customer, timestamp and amount).</summary>
/// <remarks>Logs that record dates without times (CDNOW among them) legitimately contain identical same-day
/// orders — the CDNOW sample has 21 such rows — so by default they are counted, kept and reported. Rows repeating an order id
/// of the same customer are always dropped as duplicates (another customer's order with that id is kept).
/// Thread safety: a value without shared state; safe to use from any thread.</remarks>
public enum IdenticalRowPolicy
{
    /// <summary>Count identical rows in the report and keep them.</summary>
    Report = 0,

    /// <summary>Count identical rows and keep only the first of each.</summary>
    Drop = 1,
}

/// <summary>The cleaning rules applied while collecting transactions. Nothing is dropped silently: every rule
/// counts what it did in the <see cref="DataQualityReport"/>.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record CleaningPolicy
{
    /// <summary>Negative amounts. <value>The default value is <see cref="ReturnPolicy.Reject"/>.</value></summary>
    public ReturnPolicy Returns { get; init; } = ReturnPolicy.Reject;

    /// <summary>Identical rows. <value>The default value is <see cref="IdenticalRowPolicy.Report"/>.</value></summary>
    public IdenticalRowPolicy ContentDuplicates { get; init; } = IdenticalRowPolicy.Report;

    /// <summary>How many unparsable or invalid rows may be rejected (and reported) before reading stops with an
    /// error. 0 makes the first bad row an error naming its file, line and column.
    /// <value>The default value is 0.</value></summary>
    public long MaxRejectedRows { get; init; }

    /// <summary>How many rejected rows the report keeps verbatim. <value>The default value is 20.</value></summary>
    public int RejectedSampleSize { get; init; } = 20;

    /// <summary>The earliest plausible purchase date: a row dated before it is rejected (counted like any bad row
    /// under <see cref="MaxRejectedRows"/>) with the reason "outside the plausible dates".
    /// <value>The default value is 1900-01-01.</value></summary>
    /// <remarks>A plausibility bound keeps a typo such as 0201-03-04 from stretching every customer's age.</remarks>
    public DateTime EarliestDate { get; init; } = DefaultEarliestDate;

    /// <summary>The latest plausible purchase day (inclusive, any time of that day): a row dated after it is rejected
    /// with the reason "outside the plausible dates". <value>The default value is 2199-12-31.</value></summary>
    /// <remarks>Without it a single 9999-12-31 placeholder row would move the default calibration end — the last
    /// purchase day — for every customer. Set it to the extraction day of the log for the strictest check.</remarks>
    public DateTime LatestDate { get; init; } = DefaultLatestDate;

    /// <summary>The largest plausible absolute amount of one transaction: a row above it is rejected with the reason
    /// "above the plausible amount". At most 10^15, so sums over many rows stay far from decimal overflow.
    /// <value>The default value is 1,000,000,000,000 (10^12).</value></summary>
    public decimal MaxAbsoluteAmount { get; init; } = DefaultMaxAbsoluteAmount;

    /// <summary>The upper limit of <see cref="MaxAbsoluteAmount"/> (10^15).</summary>
    internal const decimal AmountCeiling = 1_000_000_000_000_000m;

    private const decimal DefaultMaxAbsoluteAmount = 1_000_000_000_000m;
    private static readonly DateTime DefaultEarliestDate = new(1900, 1, 1);
    private static readonly DateTime DefaultLatestDate = new(2199, 12, 31);

    /// <summary>The default policy.</summary>
    public static CleaningPolicy Default { get; } = new();

    /// <summary>Checks the policy; every problem is reported in one exception.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists them all, each named as
    /// <c>CleaningPolicy.Property</c>.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(CleaningPolicy));
        Collect(v);
        v.ThrowIfInvalid();
    }

    /// <summary>A day as yyyy-MM-dd, for messages.</summary>
    internal static string Day(DateTime value) => value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds every problem of the policy to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v)
    {
        v.Defined(nameof(Returns), Returns);
        v.Defined(nameof(ContentDuplicates), ContentDuplicates);
        v.AtLeast(nameof(MaxRejectedRows), MaxRejectedRows, 0);
        v.AtLeast(nameof(RejectedSampleSize), RejectedSampleSize, 0);
        v.Require(EarliestDate.Date <= LatestDate.Date, nameof(EarliestDate),
            $"must not be after LatestDate (was {Day(EarliestDate)} > {Day(LatestDate)})");
        v.Require(MaxAbsoluteAmount > 0m && MaxAbsoluteAmount <= AmountCeiling, nameof(MaxAbsoluteAmount),
            $"must be above 0 and at most 10^15 (was {MaxAbsoluteAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
    }
}
