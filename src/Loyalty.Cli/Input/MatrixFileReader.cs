using Loyalty.Cli.Infrastructure;
using Loyalty.Core;

namespace Loyalty.Cli.Input;

/// <summary>Reads a numeric matrix, choosing the format by extension: .csv, .kmf or .npy.</summary>
internal static class MatrixFileReader
{
    internal static FeatureMatrix Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"input file '{path}' does not exist");
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => MatrixCsvReader.Read(path),
            ".kmf" => MatrixKmfReader.Read(path),
            ".npy" => MatrixNpyReader.Read(path),
            string other => throw new UserInputException(
                $"input file '{path}': unknown extension '{other}' (use .csv, .kmf or .npy)"),
        };
    }
}
