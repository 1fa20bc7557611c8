namespace Loyalty.Core;

/// <summary>A customer as the host knows them: an id, free-form attributes and privacy choices.</summary>
/// <param name="Id">The customer's id.</param>
/// <param name="Attributes">Host attributes (region, channel, ...); never interpreted by the engines unless a caller
/// maps them to features. Empty when null is given.</param>
/// <param name="ProfilingOptOut">True when the customer objected to profiling (GDPR Art. 21): the pipeline then keeps
/// them out of segmentation, bandits and personalised offers.</param>
/// <param name="MarketingConsent">True when the customer agreed to receive offers; offers are only sent with consent.
/// False unless given: consent is opt-in.</param>
/// <remarks>Consent is opt-in throughout the library: a record that does not say the customer consented, and a
/// customer with no record at all, get no offer — unless the host configures otherwise
/// (<c>LoyaltyPipelineBuilder.AssumeConsentWithoutRecord</c>, for customers without a record only).
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed record Customer(
    CustomerId Id,
    IReadOnlyDictionary<string, string>? Attributes = null,
    bool ProfilingOptOut = false,
    bool MarketingConsent = false)
{
    /// <summary>Host attributes, never null.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } =
        Attributes ?? new Dictionary<string, string>(0);
}
