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

    /// <summary>Adds every problem of the policy to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v)
    {
        v.Defined(nameof(Returns), Returns);
        v.Defined(nameof(ContentDuplicates), ContentDuplicates);
        v.AtLeast(nameof(MaxRejectedRows), MaxRejectedRows, 0);
        v.AtLeast(nameof(RejectedSampleSize), RejectedSampleSize, 0);
    }
}
