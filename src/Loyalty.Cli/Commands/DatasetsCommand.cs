using System.CommandLine;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty datasets list|fetch</c>: the public data sets the tests, benchmarks and examples use.</summary>
internal static class DatasetsCommand
{
    internal static Command Create() =>
        new("datasets", "Public data sets (MovieLens 100K, Hillstrom, CDNOW): where they are found, and fetching them from their publishers.")
        {
            DatasetsListCommand.Create(),
            DatasetsFetchCommand.Create(),
        };
}
