using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Loyalty.Samples.WebApi.Campaigns;

/// <summary>Resolves a data set name to a file of the configured data directory. A name is a plain file name
/// (letters, digits, _ and -, one optional extension): no separator, no "..", no drive, no percent-encoding, so it can
/// only ever name a file directly inside that one folder.</summary>
internal sealed partial class DataSets(IOptions<CampaignInputOptions> options, IWebHostEnvironment environment)
{
    private readonly string? _root = options.Value.DataDirectory is { } dir
        ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, dir))
        : null;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(\.[A-Za-z0-9]{1,8})?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public bool Enabled => _root is not null;

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The file's full path, or null when no such file exists. Call only with a valid name.</summary>
    public string? Find(string name)
    {
        if (_root is null || !IsValidName(name))
        {
            return null;
        }

        // Belt and braces: even a valid name must land directly in the folder.
        string path = Path.GetFullPath(Path.Combine(_root, name));
        return Path.GetDirectoryName(path) == Path.TrimEndingDirectorySeparator(_root) && File.Exists(path) ? path : null;
    }
}
