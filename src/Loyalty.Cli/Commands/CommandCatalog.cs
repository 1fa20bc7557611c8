using System.CommandLine;

namespace Loyalty.Cli.Commands;

/// <summary>Every top-level command of the CLI, in help order. One line per command.</summary>
internal static class CommandCatalog
{
    internal static IEnumerable<Command> All()
    {
        yield return IngestCommand.Create();
        yield return RfmCommand.Create();
        yield return SegmentCommand.Create();
        yield return ClvCommand.Create();
        yield return RecommendCommand.Create();
        yield return SimulateCommand.Create();
        yield return UpliftCommand.Create();
        yield return DemoCommand.Create();
        yield return DatasetsCommand.Create();
    }
}
