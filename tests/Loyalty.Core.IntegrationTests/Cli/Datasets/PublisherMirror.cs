using System.IO.Compression;
using Loyalty.Cli.Datasets;

namespace Loyalty.Core.Tests.Cli.Datasets;

/// <summary>
/// Builds what each publisher serves from the copies in the shared folder (found as the other tests find it:
/// <c>LOYALTY_SHARED</c> or <c>../shared</c>), in memory only: MovieLens as a zip with GroupLens's
/// <c>ml-100k/</c> layout, Hillstrom under MineThatData's file name, CDNOW file by file. Nothing is written into
/// the repository.
/// </summary>
internal static class PublisherMirror
{
    /// <summary>The shared copy of <paramref name="dataset"/>, or null when the shared folder does not hold it.</summary>
    internal static string? SharedFolder(Dataset dataset)
    {
        string folder = Path.Combine(TestData.SharedDir, "data", dataset.Name);
        return dataset.Files.All(file => File.Exists(Path.Combine(folder, file.Name))) ? folder : null;
    }

    /// <summary>Why a test that needs <paramref name="dataset"/> is skipped.</summary>
    internal static string SkipReason(Dataset dataset) =>
        $"external data '{dataset.Name}' is not in {Path.Combine(TestData.SharedDir, "data")}: put the shared folder beside the repository or set LOYALTY_SHARED";

    /// <summary>The files the publisher serves, by path under <c>/&lt;prefix&gt;/</c>, optionally with one byte of
    /// <paramref name="tamperedFile"/> flipped.</summary>
    internal static Dictionary<string, byte[]> Serve(Dataset dataset, string prefix, string? tamperedFile = null)
    {
        string folder = SharedFolder(dataset) ?? throw new InvalidOperationException(SkipReason(dataset));
        byte[] Read(DatasetFile file)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(folder, file.Name));
            if (file.Name == tamperedFile)
            {
                bytes[bytes.Length / 2] ^= 0x01;
            }

            return bytes;
        }

        if (dataset.Archive is null)
        {
            return dataset.Files.ToDictionary(file => $"/{prefix}/{file.SourcePath}", Read);
        }

        using var zipBytes = new MemoryStream();
        using (var zip = new ZipArchive(zipBytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in dataset.Files)
            {
                using var entry = zip.CreateEntry(file.SourcePath, CompressionLevel.Fastest).Open();
                entry.Write(Read(file));
            }

            // The publisher's zip carries files we do not keep; they must be ignored, not extracted.
            using var extra = new StreamWriter(zip.CreateEntry("ml-100k/mku.sh").Open());
            extra.Write("#!/bin/sh\n");
        }

        return new Dictionary<string, byte[]> { [$"/{prefix}/{dataset.Archive}"] = zipBytes.ToArray() };
    }
}
