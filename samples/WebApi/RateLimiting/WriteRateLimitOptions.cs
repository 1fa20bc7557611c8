using Loyalty.Samples.WebApi.Options;

namespace Loyalty.Samples.WebApi.RateLimiting;

/// <summary>How many writes one caller may make per window (configuration section "RateLimiting:Writes").</summary>
internal sealed class WriteRateLimitOptions : ISelfValidatingOptions
{
    public const string SectionName = "RateLimiting:Writes";

    /// <summary>Writes allowed per window and caller. <value>The default value is 60.</value></summary>
    public int PermitLimit { get; set; } = 60;

    /// <summary>Window length in seconds. <value>The default value is 60.</value></summary>
    public int WindowSeconds { get; set; } = 60;

    public IEnumerable<string> Problems()
    {
        if (PermitLimit <= 0)
        {
            yield return $"{SectionName}:PermitLimit must be more than 0.";
        }

        if (WindowSeconds is <= 0 or > 86_400)
        {
            yield return $"{SectionName}:WindowSeconds must be from 1 to 86400.";
        }
    }
}
