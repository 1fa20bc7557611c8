using System.CommandLine;
using Loyalty.Cli.Datasets;
using Loyalty.Cli.Infrastructure;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty datasets fetch NAME</c>: downloads a data set from its publisher (or a mirror) into the user
/// cache, verifying every file's SHA-256; a verified copy already there makes it a no-op. MovieLens asks for its
/// licence terms to be accepted first, as Surprise's <c>load_builtin</c> does.</summary>
internal static class DatasetsFetchCommand
{
    internal static Command Create()
    {
        var name = new Argument<string>("name") { Description = $"The data set: {DatasetCatalog.Names}." };
        var url = new Option<string?>("--url", "--mirror") { Description = "Base address to download from instead of the publisher's (a mirror); file names are appended." };
        var cacheDir = new Option<DirectoryInfo?>("--cache-dir") { Description = "Cache folder to fill instead of the per-user cache." };
        var accept = new Option<bool>("--accept-license") { Description = "Accept the data set's licence terms (MovieLens) without being asked." };
        var json = CommonOptions.Json();
        var command = new Command("fetch", "Downloads a data set from its publisher into the user cache and verifies its SHA-256 hashes.")
        {
            name, url, cacheDir, accept, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string requested = parse.GetValue(name)!;
            var dataset = DatasetCatalog.Find(requested)
                ?? throw new UserInputException($"name: no data set named '{requested}' (known: {DatasetCatalog.Names}).");
            string? baseUrl = parse.GetValue(url);
            if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
            {
                throw new UserInputException($"--url: '{baseUrl}' is not an absolute http(s) address.");
            }

            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            bool asJson = parse.GetValue(json);
            string cacheRoot = DatasetLocator.FromProcess(parse.GetValue(cacheDir)?.FullName).CacheRoot;
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("loyalty-cli");
            FetchResult result;
            try
            {
                result = await new DatasetFetcher(http, stderr).FetchAsync(dataset, cacheRoot, baseUrl,
                    () => LicenceConsent.Require(dataset, parse.GetValue(accept), interactive: !asJson, stderr), cancellationToken);
            }
            catch (DatasetFetchException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return CliRunner.Failure;
            }

            if (asJson)
            {
                CliJson.Write(stdout, new
                {
                    dataset = dataset.Name,
                    directory = result.Directory,
                    status = result.Downloaded ? "downloaded" : "present",
                    sources = result.Sources.Select(source => source.ToString()),
                    files = result.Files.Select(file => new { name = file.File.Name, bytes = file.Bytes, sha256 = file.Sha256 }),
                });
            }
            else
            {
                stdout.WriteLine(result.Downloaded
                    ? $"{dataset.Name}: downloaded and verified {result.Files.Count} file(s) (SHA-256) into {result.Directory}"
                    : $"{dataset.Name}: already present, verified ({result.Files.Count} file(s), SHA-256) in {result.Directory}");
            }

            return CliRunner.Success;
        });
        return command;
    }
}
