using System.IO.Compression;

namespace Loyalty.Cli.Datasets;

/// <summary>The outcome of a fetch.</summary>
/// <param name="Dataset">The data set.</param>
/// <param name="Directory">Its folder in the cache.</param>
/// <param name="Downloaded">False when a verified copy was already there and nothing was downloaded.</param>
/// <param name="Sources">The addresses downloaded from (empty when nothing was).</param>
/// <param name="Files">The verified files.</param>
internal sealed record FetchResult(Dataset Dataset, string Directory, bool Downloaded, IReadOnlyList<Uri> Sources, IReadOnlyList<FileCheck> Files);

/// <summary>
/// Downloads a data set into the cache atomically: everything goes into a staging folder beside the target (same
/// file system), every file is verified, and only then is the folder moved into place. A failed or tampered
/// download deletes the staging folder, so the cache never holds a half-written data set.
/// </summary>
/// <param name="http">The client to download with (its lifetime is the caller's).</param>
/// <param name="log">Progress lines (stderr in the CLI).</param>
internal sealed class DatasetFetcher(HttpClient http, TextWriter log)
{
    /// <summary>Makes sure <c>&lt;cacheRoot&gt;/&lt;name&gt;</c> holds a verified copy of <paramref name="dataset"/>.</summary>
    /// <param name="dataset">What to fetch.</param>
    /// <param name="cacheRoot">The cache folder.</param>
    /// <param name="baseUrl">A mirror's address to use instead of the publisher's, or null.</param>
    /// <param name="beforeDownload">Called once when a download is needed (and not when a verified copy is
    /// present): the place to ask for licence terms to be accepted; it throws to stop.</param>
    /// <param name="cancellationToken">Stops the download; the staging folder is removed.</param>
    /// <exception cref="DatasetFetchException">A download failed or a file did not verify.</exception>
    internal async Task<FetchResult> FetchAsync(Dataset dataset, string cacheRoot, string? baseUrl, Action? beforeDownload, CancellationToken cancellationToken)
    {
        string target = Path.Combine(cacheRoot, dataset.Name);
        if (Directory.Exists(target))
        {
            var present = DatasetVerifier.Check(dataset, target, cancellationToken);
            if (present.All(check => check.Verified))
            {
                return new FetchResult(dataset, target, Downloaded: false, [], present);
            }

            log.WriteLine($"{dataset.Name}: the copy in {target} does not verify ({present.First(check => !check.Verified).Describe(dataset)}); downloading it again.");
        }

        beforeDownload?.Invoke();
        Directory.CreateDirectory(cacheRoot);
        string staging = Path.Combine(cacheRoot, $".{dataset.Name}.partial-{Guid.NewGuid():N}");
        try
        {
            string folder = Path.Combine(staging, dataset.Name);
            Directory.CreateDirectory(folder);
            var sources = dataset.Downloads(baseUrl);
            if (dataset.Archive is not null)
            {
                string archive = Path.Combine(staging, dataset.Archive);
                await DownloadAsync(dataset, sources[0], archive, cancellationToken);
                Extract(dataset, archive, folder);
            }
            else
            {
                for (int i = 0; i < sources.Count; i++)
                {
                    await DownloadAsync(dataset, sources[i], Path.Combine(folder, dataset.Files[i].Name), cancellationToken);
                }
            }

            var checks = DatasetVerifier.Check(dataset, folder, cancellationToken);
            var bad = checks.Where(check => !check.Verified).ToList();
            if (bad.Count > 0)
            {
                throw new DatasetFetchException(
                    string.Join("; ", bad.Select(check => check.Describe(dataset))) +
                    $". The download from {string.Join(", ", sources)} was discarded; nothing was written to {cacheRoot}.");
            }

            MoveIntoPlace(folder, target, staging);
            return new FetchResult(dataset, target, Downloaded: true, sources,
                [.. checks.Select(check => check with { Path = Path.Combine(target, check.File.Name) })]);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private async Task DownloadAsync(Dataset dataset, Uri source, string path, CancellationToken cancellationToken)
    {
        log.WriteLine($"{dataset.Name}: downloading {source}");
        try
        {
            using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new DatasetFetchException($"{dataset.Name}: {source} answered {(int)response.StatusCode} {response.ReasonPhrase}; nothing was written.");
            }

            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            await response.Content.CopyToAsync(file, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new DatasetFetchException($"{dataset.Name}: download of {source} failed: {ex.Message}; nothing was written.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DatasetFetchException($"{dataset.Name}: download of {source} timed out; nothing was written.", ex);
        }
    }

    /// <summary>Extracts only the catalogued entries (by exact name, so no entry can write outside the folder).</summary>
    private static void Extract(Dataset dataset, string archive, string folder)
    {
        try
        {
            using var zip = ZipFile.OpenRead(archive);
            foreach (var file in dataset.Files)
            {
                var entry = zip.GetEntry(file.SourcePath)
                    ?? throw new DatasetFetchException($"{dataset.Name}: {dataset.Archive} has no entry '{file.SourcePath}'; nothing was written.");
                entry.ExtractToFile(Path.Combine(folder, file.Name));
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DatasetFetchException($"{dataset.Name}: {dataset.Archive} is not a valid zip ({ex.Message}); nothing was written.", ex);
        }
    }

    /// <summary>Moves the verified folder to <paramref name="target"/>, putting an old unverified copy aside in
    /// the staging folder first (deleted with it), so the target is either the old folder or the new one.</summary>
    private static void MoveIntoPlace(string folder, string target, string staging)
    {
        if (Directory.Exists(target))
        {
            Directory.Move(target, Path.Combine(staging, "previous"));
        }

        Directory.Move(folder, target);
    }
}
