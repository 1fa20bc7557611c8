namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>
/// The difference between two listings, type by type: a type added or removed is one line; a type whose
/// declaration or members changed shows its declaration and then each member line with + or -. Listings are sorted,
/// so this reads better than a line diff, which would pair unrelated members of neighbouring types.
/// </summary>
internal static class ApiDiff
{
    /// <summary>Empty when the listings declare the same API.</summary>
    internal static IReadOnlyList<string> Between(string approved, string actual)
    {
        var before = Parse(approved);
        var after = Parse(actual);
        var lines = new List<string>();
        foreach (var declaration in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            bool wasThere = before.TryGetValue(declaration, out var oldMembers);
            bool isThere = after.TryGetValue(declaration, out var newMembers);
            if (!isThere)
            {
                lines.Add($"- {declaration}  ({oldMembers!.Count} members)");
            }
            else if (!wasThere)
            {
                lines.Add($"+ {declaration}");
                lines.AddRange(newMembers!.Select(m => $"+     {m}"));
            }
            else if (!oldMembers!.SequenceEqual(newMembers!))
            {
                lines.Add($"  {declaration}");
                lines.AddRange(oldMembers!.Except(newMembers!).Select(m => $"-     {m}"));
                lines.AddRange(newMembers!.Except(oldMembers!).Select(m => $"+     {m}"));
            }
        }

        return lines;
    }

    /// <summary>Declaration line → member lines, from a listing (comment lines start with #).</summary>
    private static Dictionary<string, List<string>> Parse(string listing)
    {
        var types = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in listing.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("  ", StringComparison.Ordinal))
            {
                current?.Add(line.Trim());
            }
            else
            {
                current = [];
                types[line] = current;
            }
        }

        return types;
    }
}
