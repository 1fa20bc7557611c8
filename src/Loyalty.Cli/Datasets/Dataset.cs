namespace Loyalty.Cli.Datasets;

/// <summary>One file of a data set as we keep it on disk.</summary>
/// <param name="Name">The file's name in the data set's folder (the name tests and commands read).</param>
/// <param name="SourcePath">Where the publisher ships it: the file name under the base address, or the entry in
/// the publisher's zip.</param>
/// <param name="AcceptedSha256">Lower-case hex SHA-256 values we accept; more than one only where a known copy
/// differs from the publisher's file (the catalogue says why).</param>
internal sealed record DatasetFile(string Name, string SourcePath, IReadOnlyList<string> AcceptedSha256);

/// <summary>A data set the CLI can fetch: where its publisher serves it, the files we use and their hashes, and
/// the terms it comes under.</summary>
/// <param name="Name">The name on the command line and of its folder (<c>movielens-100k</c>).</param>
/// <param name="Title">A one-line description.</param>
/// <param name="BaseUrl">The publisher's address; file names (or <paramref name="Archive"/>) are appended.
/// <c>--url</c> replaces it.</param>
/// <param name="Archive">The zip the publisher ships, or null when the files are served one by one.</param>
/// <param name="Files">The files we use, each verified by SHA-256.</param>
/// <param name="Source">Who publishes it and where it is described.</param>
/// <param name="Licence">The terms, in one line.</param>
/// <param name="LicenceTerms">Terms the user must accept before the download, or null when none are required.</param>
internal sealed record Dataset(
    string Name,
    string Title,
    string BaseUrl,
    string? Archive,
    IReadOnlyList<DatasetFile> Files,
    string Source,
    string Licence,
    string? LicenceTerms)
{
    /// <summary>Whether the user must accept <see cref="LicenceTerms"/> before the download.</summary>
    internal bool RequiresAcceptance => LicenceTerms is not null;

    /// <summary>The addresses to download from, under <paramref name="baseUrl"/> (the publisher's by default).</summary>
    internal IReadOnlyList<Uri> Downloads(string? baseUrl = null)
    {
        string root = baseUrl ?? BaseUrl;
        var rootUri = new Uri(root.EndsWith('/') ? root : root + "/", UriKind.Absolute);
        return Archive is not null
            ? [new Uri(rootUri, Archive)]
            : [.. Files.Select(file => new Uri(rootUri, file.SourcePath))];
    }
}
