using System.CommandLine.Parsing;
using Loyalty.Cli.Infrastructure;

namespace Loyalty.Cli.Datasets;

/// <summary>
/// Lets a file option name a file of a data set instead of a path: <c>dataset:movielens-100k/u1.base</c> is read
/// from wherever <see cref="DatasetLocator"/> finds MovieLens 100K. Plain paths pass through unchanged.
/// </summary>
internal static class DatasetPath
{
    /// <summary>The prefix that marks a data set file.</summary>
    internal const string Prefix = "dataset:";

    /// <summary>A <c>CustomParser</c> for file options: resolves <c>dataset:NAME/FILE</c>, reporting a missing data
    /// set as a parse error that names the option (exit code 2).</summary>
    internal static FileInfo? ParseFile(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return new FileInfo(text);
        }

        try
        {
            return new FileInfo(Resolve(text, DatasetLocator.FromProcess()));
        }
        catch (UserInputException ex)
        {
            string option = (result.Parent as OptionResult)?.Option.Name ?? "argument";
            result.AddError($"{option}: {ex.Message}");
            return null;
        }
    }

    /// <summary>The path of the file <paramref name="text"/> (<c>dataset:NAME/FILE</c>) names.</summary>
    /// <exception cref="UserInputException">The name is malformed, unknown, or the data set or file is not found.</exception>
    internal static string Resolve(string text, DatasetLocator locator)
    {
        string rest = text[Prefix.Length..];
        int slash = rest.IndexOfAny(['/', '\\']);
        if (slash <= 0 || slash == rest.Length - 1)
        {
            throw new UserInputException($"'{text}' should name a data set and a file, e.g. {Prefix}movielens-100k/u.data.");
        }

        string name = rest[..slash];
        string file = rest[(slash + 1)..];
        var dataset = DatasetCatalog.Find(name)
            ?? throw new UserInputException($"'{text}': no data set named '{name}' (known: {DatasetCatalog.Names}).");
        var location = locator.Find(dataset)
            ?? throw new UserInputException(
                $"'{text}': data set '{dataset.Name}' not found in {string.Join(", ", locator.Candidates(dataset).Select(c => c.Directory))}; " +
                $"run `loyalty datasets fetch {dataset.Name}`.");
        string path = Path.Combine(location.Directory, file);
        return File.Exists(path)
            ? path
            : throw new UserInputException($"'{text}': no file '{file}' in {location.Directory} (files: {string.Join(", ", dataset.Files.Select(f => f.Name))}).");
    }
}
