using System.Security.Cryptography;

namespace Loyalty.Cli.Datasets;

/// <summary>The SHA-256 check of one file of a data set.</summary>
/// <param name="File">The catalogue entry.</param>
/// <param name="Path">Where the file was looked for.</param>
/// <param name="Sha256">Its SHA-256 (lower-case hex), or null when the file is missing.</param>
/// <param name="Bytes">Its length, or 0 when missing.</param>
internal sealed record FileCheck(DatasetFile File, string Path, string? Sha256, long Bytes)
{
    /// <summary>Whether the file exists and has one of the accepted hashes.</summary>
    internal bool Verified => Sha256 is not null && File.AcceptedSha256.Contains(Sha256);

    /// <summary>One line naming the file and both hashes, for the error message.</summary>
    internal string Describe(Dataset dataset) => Sha256 is null
        ? $"{dataset.Name}: {File.Name}: missing"
        : $"{dataset.Name}: {File.Name}: SHA-256 is {Sha256}, expected {string.Join(" or ", File.AcceptedSha256)}";
}

/// <summary>Checks a data set's files against the SHA-256 values of the catalogue.</summary>
internal static class DatasetVerifier
{
    /// <summary>Checks every catalogued file of <paramref name="dataset"/> in <paramref name="directory"/>.</summary>
    internal static IReadOnlyList<FileCheck> Check(Dataset dataset, string directory, CancellationToken cancellationToken = default) =>
        [.. dataset.Files.Select(file =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            string path = Path.Combine(directory, file.Name);
            if (!File.Exists(path))
            {
                return new FileCheck(file, path, null, 0);
            }

            using var stream = File.OpenRead(path);
            return new FileCheck(file, path, Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
        })];
}
