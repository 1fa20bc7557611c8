using System.Text;
using System.Text.Json.Nodes;

namespace Loyalty.Core.Tests.Feedback.Bandits;

/// <summary>Damaged variants of a saved bandit state for the restore property test: numbers replaced by negative,
/// NaN, huge or out-of-range values; properties removed, nulled, retyped or duplicated; array items dropped or
/// repeated; truncation; random characters (lone surrogates included); invalid UTF-8 decoded the way a host would;
/// deep nesting; and random text. A case is (kind, seed), so a failure reproduces from the two numbers.</summary>
internal static class BanditStateMutations
{
    /// <summary>The kinds of damage; <see cref="Apply"/> documents each.</summary>
    internal const int Kinds = 10;

    private static readonly string[] SpecialNumbers =
    [
        "-1", "-0.5", "-1e308", "1e308", "1e309", "-1e309", "NaN", "\"NaN\"", "\"-Infinity\"", "0", "-0", "1.5",
        "99999999999999999999999", "9223372036854775807", "-9223372036854775808", "2147483648", "null", "\"\"", "[]", "{}", "true",
    ];

    private static readonly string[] SpecialStrings = ["", " ", "a", "b", "zz", "\uD800", "\uFFFD", "ps_", "thompson", "ucb1", "linucb"];

    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]];

    internal static string Apply(string valid, int kind, int seed) => Mutate(valid, kind, new Random(seed), depth: 0);

    /// <summary>The structural damages parse the text; when an earlier damage broke it (or left a duplicate key,
    /// which JsonNode rejects lazily), the text goes on unchanged.</summary>
    private static string OrUnchanged(string valid, Func<string> damage)
    {
        try
        {
            return damage();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return valid;
        }
    }

    private static string Mutate(string valid, int kind, Random random, int depth)
    {
        switch (kind)
        {
            case 0: // one number (anywhere) replaced by a special value
                return OrUnchanged(valid, () => Structural(valid, random, ReplaceNumber));
            case 1: // a property removed or nulled
                return OrUnchanged(valid, () => Structural(valid, random, RemoveOrNull));
            case 2: // an array item dropped, repeated or swapped for a special value
                return OrUnchanged(valid, () => Structural(valid, random, DamageArray));
            case 3: // a string replaced by a blank, a duplicate arm, a lone surrogate...
                return OrUnchanged(valid, () => Structural(valid, random, ReplaceString));
            case 4: // a top-level property repeated (System.Text.Json reads duplicates)
                return OrUnchanged(valid, () => DuplicateProperty(valid, random));
            case 5: // truncated
                return valid[..random.Next(valid.Length)];
            case 6: // a few characters replaced by random UTF-16 units
            {
                var chars = valid.ToCharArray();
                for (int i = random.Next(1, 6); i > 0; i--)
                {
                    chars[random.Next(chars.Length)] = (char)random.Next(0, 0x10000);
                }

                return new string(chars);
            }

            case 7: // invalid UTF-8 spliced into the bytes, then decoded with replacement as a host reading a file would
            {
                var bytes = Encoding.UTF8.GetBytes(valid).ToList();
                bytes.InsertRange(random.Next(bytes.Count), InvalidUtf8[random.Next(InvalidUtf8.Length)]);
                return Encoding.UTF8.GetString([.. bytes]);
            }

            case 8: // random text: JSON-ish tokens, deep nesting or plain noise
                return RandomText(random);
            default: // two or three damages at once
            {
                string text = valid;
                for (int i = random.Next(2, 4); i > 0 && depth == 0; i--)
                {
                    text = Mutate(text, random.Next(0, 8), random, depth + 1);
                }

                return text;
            }
        }
    }

    private static string Structural(string valid, Random random, Func<JsonNode, Random, bool> damage)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(valid);
        }
        catch (System.Text.Json.JsonException)
        {
            return valid; // an earlier damage already broke the text
        }

        if (root is null)
        {
            return valid;
        }

        var nodes = Descendants(root).ToList();
        for (int attempt = 0; attempt < 8; attempt++)
        {
            if (damage(nodes[random.Next(nodes.Count)], random))
            {
                break;
            }
        }

        return root.ToJsonString().Replace("\"\\u0001NaN\\u0001\"", "NaN", StringComparison.Ordinal);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().ToList())
        {
            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }

    private static bool ReplaceNumber(JsonNode node, Random random)
    {
        if (node is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.Number)
        {
            return false;
        }

        return ReplaceWith(node, SpecialNumbers[random.Next(SpecialNumbers.Length)]);
    }

    private static bool ReplaceString(JsonNode node, Random random)
    {
        if (node is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return false;
        }

        return ReplaceWith(node, System.Text.Json.JsonSerializer.Serialize(SpecialStrings[random.Next(SpecialStrings.Length)]));
    }

    private static bool RemoveOrNull(JsonNode node, Random random)
    {
        if (node is not JsonObject o || o.Count == 0)
        {
            return false;
        }

        string key = o.ElementAt(random.Next(o.Count)).Key;
        if (random.Next(2) == 0)
        {
            o.Remove(key);
        }
        else
        {
            o[key] = null;
        }

        return true;
    }

    private static bool DamageArray(JsonNode node, Random random)
    {
        if (node is not JsonArray a)
        {
            return false;
        }

        switch (a.Count == 0 ? 2 : random.Next(3))
        {
            case 0:
                a.RemoveAt(random.Next(a.Count));
                break;
            case 1:
                a.Add(a[random.Next(a.Count)]?.DeepClone());
                break;
            default:
                a.Add(JsonNode.Parse(SpecialNumbers[random.Next(SpecialNumbers.Length)].Replace("NaN", "null", StringComparison.Ordinal)));
                break;
        }

        return true;
    }

    private static bool ReplaceWith(JsonNode node, string json)
    {
        // NaN is not JSON; the bare token goes in as text after serialising a placeholder.
        var replacement = json == "NaN" ? JsonValue.Create("\u0001NaN\u0001") : JsonNode.Parse(json);
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = replacement;
                return true;
            case JsonArray a:
                a[node.GetElementIndex()] = replacement;
                return true;
            default:
                return false;
        }
    }

    private static string DuplicateProperty(string valid, Random random)
    {
        if (valid.Length < 2 || valid[0] != '{' || JsonNodeOrNull(valid) is not JsonObject o || o.Count == 0)
        {
            return valid;
        }

        var (key, value) = o.ElementAt(random.Next(o.Count));
        string copy = random.Next(2) == 0 ? value?.ToJsonString() ?? "null" : SpecialNumbers[random.Next(SpecialNumbers.Length)];
        string property = System.Text.Json.JsonSerializer.Serialize(key) + ":" + copy;
        return random.Next(2) == 0 ? "{" + property + "," + valid[1..] : valid[..^1] + "," + property + "}";
    }

    private static JsonNode? JsonNodeOrNull(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string RandomText(Random random)
    {
        switch (random.Next(3))
        {
            case 0:
            {
                string[] tokens = ["{", "}", "[", "]", ",", ":", "\"version\"", "\"arms\"", "\"statistics\"", "\"pending\"", "\"policy\"", "1", "-1", "null", "\"a\"", "1e308", "\"ucb1\""];
                var sb = new StringBuilder();
                for (int i = random.Next(0, 40); i > 0; i--)
                {
                    sb.Append(tokens[random.Next(tokens.Length)]);
                }

                return sb.ToString();
            }

            case 1:
            {
                int depth = random.Next(1, 5000);
                return new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : 0);
            }

            default:
            {
                var chars = new char[random.Next(0, 200)];
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = (char)random.Next(0, 0x10000);
                }

                return new string(chars);
            }
        }
    }
}
