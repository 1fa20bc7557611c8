namespace Loyalty.Cli.Datasets;

/// <summary>The per-user cache that <c>loyalty datasets fetch</c> fills.</summary>
internal static class DatasetCache
{
    /// <summary>
    /// <c>$XDG_CACHE_HOME/loyalty/datasets</c> when that variable holds an absolute path (the XDG base-directory
    /// rule: relative values are ignored), else <c>~/.cache/loyalty/datasets</c>; on Windows
    /// <c>LocalApplicationData\loyalty\datasets</c>.
    /// </summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    internal static string DefaultRoot(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "loyalty", "datasets");
        }

        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "loyalty", "datasets");
        }

        string home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "loyalty", "datasets");
    }
}
