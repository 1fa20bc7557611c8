using Loyalty.Samples.WebApi.Endpoints;
using Loyalty.Samples.WebApi.Options;

namespace Loyalty.Samples.WebApi.Auth;

/// <summary>The API keys the service accepts (configuration section "ApiKeys"). Only SHA-256 hashes are stored, so a
/// leaked configuration file does not leak a usable key.</summary>
internal sealed class ApiKeyOptions : ISelfValidatingOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>One entry per caller.</summary>
    public IList<ApiKeyEntry> Keys { get; } = new List<ApiKeyEntry>();

    public IEnumerable<string> Problems()
    {
        if (Keys.Count == 0)
        {
            yield return $"{SectionName}:Keys is empty: configure at least one key (see samples/WebApi/README.md).";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            string at = $"{SectionName}:Keys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name) || !names.Add(key.Name))
            {
                yield return $"{at}:Name must be set and unique (it names the caller in logs and rate limits).";
            }

            if (key.Role is not (Roles.Operator or Roles.Customer))
            {
                yield return $"{at}:Role must be '{Roles.Operator}' or '{Roles.Customer}'.";
            }

            if (key.Role == Roles.Customer && !InputRules.IsValidId(key.CustomerId))
            {
                yield return $"{at}:CustomerId must be a valid customer id for a '{Roles.Customer}' key.";
            }

            if (key.Sha256 is not { Length: 64 } || !key.Sha256.All(char.IsAsciiHexDigit))
            {
                yield return $"{at}:Sha256 must be the 64 hex digits of the key's SHA-256 hash.";
            }
        }
    }
}

/// <summary>One accepted key.</summary>
internal sealed class ApiKeyEntry
{
    /// <summary>Names the caller (a service or a customer's app install); becomes the principal's name.</summary>
    public string Name { get; set; } = "";

    /// <summary><see cref="Roles.Operator"/> or <see cref="Roles.Customer"/>.</summary>
    public string Role { get; set; } = "";

    /// <summary>For a customer key: the only customer it may act for.</summary>
    public string? CustomerId { get; set; }

    /// <summary>SHA-256 of the key, in hex: <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string Sha256 { get; set; } = "";
}
