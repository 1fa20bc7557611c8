using Loyalty.Samples.WebApi.Options;

namespace Loyalty.Samples.WebApi.Campaigns;

/// <summary>Where campaign input may come from (configuration section "Campaigns"): an upload of at most
/// <see cref="MaxUploadBytes"/>, or a file of <see cref="DataDirectory"/> named by a plain file name.</summary>
internal sealed class CampaignInputOptions : ISelfValidatingOptions
{
    public const string SectionName = "Campaigns";

    /// <summary>Largest transaction log accepted as a request body. <value>The default value is 10 MiB.</value></summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The one server folder named data sets are read from; null (the default) turns the named-data-set
    /// endpoint off. Relative to the content root.</summary>
    public string? DataDirectory { get; set; }

    public IEnumerable<string> Problems()
    {
        if (MaxUploadBytes is <= 0 or > 1L << 30)
        {
            yield return $"{SectionName}:MaxUploadBytes must be from 1 to 1 GiB (the upload is held in memory).";
        }

        if (DataDirectory is not null && string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return $"{SectionName}:DataDirectory must be a folder or left out.";
        }
    }
}
