using System.CommandLine;

namespace Loyalty.Cli.Commands;

/// <summary>Every top-level command of the CLI, in help order. One line per command.</summary>
internal static class CommandCatalog
{
    internal static IEnumerable<Command> All()
    {
        yield return RecommendCommand.Create();
    }
}
