namespace Loyalty.Core.Hosting;

/// <summary>
/// Settings of an embedded loyalty program, bindable from configuration (section <see cref="SectionName"/>).
/// Mutable as the options pattern requires; validated at start-up with every problem reported at once.
/// </summary>
/// <remarks>Thread safety: mutable options; bind and validate on one thread, then only read.</remarks>
public sealed class LoyaltyOptions
{
    /// <summary>The configuration section these options bind from: "Loyalty".</summary>
    public const string SectionName = "Loyalty";

    /// <summary>Time unit of summaries and horizons. <value>The default value is <see cref="TimeUnit.Week"/>.</value></summary>
    public TimeUnit TimeUnit { get; set; } = TimeUnit.Week;

    /// <summary>Number of customer segments (k-means k). <value>The default value is 4.</value></summary>
    public int Segments { get; set; } = 4;

    /// <summary>Seed of every random choice. <value>The default value is 0.</value></summary>
    public int Seed { get; set; }

    /// <summary>Expected-cost budget of a campaign, in money. <value>The default value is 1000.</value></summary>
    public double Budget { get; set; } = 1000;

    /// <summary>Prefix of offer ids. <value>The default value is "campaign".</value></summary>
    public string Campaign { get; set; } = "campaign";

    /// <summary>CLV horizon in <see cref="TimeUnit"/>s. <value>The default value is 52.</value></summary>
    public double ClvHorizon { get; set; } = 52;

    /// <summary>Monthly discount rate of CLV. <value>The default value is 0.01.</value></summary>
    public double MonthlyDiscountRate { get; set; } = 0.01;

    /// <summary>Points earned per unit of currency. <value>The default value is 1.</value></summary>
    public decimal PointsPerCurrencyUnit { get; set; } = 1m;

    /// <summary>Days earned points stay pending. <value>The default value is 14.</value></summary>
    public int PointsPendingDays { get; set; } = 14;

    /// <summary>Days active points live. <value>The default value is 365.</value></summary>
    public int PointsExpiryDays { get; set; } = 365;

    /// <summary>Money value of one point. <value>The default value is 0.01.</value></summary>
    public decimal PointValue { get; set; } = 0.01m;

    /// <summary>Treat customers without a record as having consented to marketing. Consent is opt-in: leave it off
    /// and pass customer records (<c>LoyaltyCampaignRunner.RunAsync</c>'s customers) with their consent, unless
    /// every customer in the data has consented by the host's own rules.
    /// <value>The default value is false.</value></summary>
    public bool AssumeConsentWithoutRecord { get; set; }

    /// <summary>Every problem with the settings (empty when valid).</summary>
    /// <remarks>The settings are mapped onto Core's option records (<c>RfmOptions</c>, <c>KMeansOptions</c>,
    /// <c>ClvOptions</c>, <c>AllocationConstraints</c>, <c>LedgerOptions</c>) and validated by Core, exactly as a run
    /// would; so the messages name Core's options (for example <c>ClvStepOptions.MonthlyDiscountRate</c> for
    /// <see cref="MonthlyDiscountRate"/>, <c>SegmentationStepOptions.KMeans.K</c> for <see cref="Segments"/>). There
    /// is one entry per record checked, each listing every error of that record.</remarks>
    /// <returns>The problems; empty when the settings are valid.</returns>
    public IReadOnlyList<string> Problems() => LoyaltyOptionsMapping.Problems(this);
}
