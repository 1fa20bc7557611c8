using Loyalty.Samples.WebApi.Options;

namespace Loyalty.Samples.WebApi.Endpoints;

/// <summary>Upper bounds of amounts a request may carry (configuration section "Limits"). A typo of a few zeros
/// is refused with a validation problem instead of crediting a fortune.</summary>
internal sealed class InputLimits : ISelfValidatingOptions
{
    public const string SectionName = "Limits";

    /// <summary>Largest purchase (and feedback value) in currency. <value>The default value is 100,000.</value></summary>
    public decimal MaxPurchaseAmount { get; set; } = 100_000m;

    /// <summary>Largest redemption in points. <value>The default value is 1,000,000.</value></summary>
    public long MaxRedeemPoints { get; set; } = 1_000_000;

    public IEnumerable<string> Problems()
    {
        if (MaxPurchaseAmount <= 0)
        {
            yield return $"{SectionName}:MaxPurchaseAmount must be more than 0.";
        }

        if (MaxRedeemPoints <= 0)
        {
            yield return $"{SectionName}:MaxRedeemPoints must be more than 0.";
        }
    }
}
