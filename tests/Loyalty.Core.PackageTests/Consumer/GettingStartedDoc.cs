namespace Loyalty.Core.PackageTests.Consumer;

/// <summary>The "first pipeline" of docs/getting-started.md: the C# block right after the marker comment that says
/// the tests compile it. Read from the doc rather than copied, so the doc cannot drift from what works.</summary>
internal static class GettingStartedDoc
{
    internal const string Marker = "<!-- This block is compiled and run against the packed packages";

    internal static string Path => Repository.PathOf("docs", "getting-started.md");

    /// <summary>The program's lines, without the fences.</summary>
    internal static IReadOnlyList<string> FirstPipeline()
    {
        var lines = File.ReadAllLines(Path);
        int marker = Array.FindIndex(lines, l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (marker < 0)
        {
            throw new InvalidOperationException($"{Path} has lost the marker '{Marker}' before the first pipeline.");
        }

        int open = Array.FindIndex(lines, marker, l => l.Trim() == "```csharp");
        int close = open < 0 ? -1 : Array.FindIndex(lines, open + 1, l => l.Trim() == "```");
        if (open < 0 || close < 0)
        {
            throw new InvalidOperationException($"{Path}: no ```csharp block after the marker.");
        }

        return lines[(open + 1)..close];
    }
}
