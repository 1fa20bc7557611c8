using System.CommandLine;
using Loyalty.Cli.Commands;
using Loyalty.Cli.Infrastructure;

namespace Loyalty.Cli;

/// <summary>The command tree; tests run it in-process with their own writers.</summary>
internal static class CliApp
{
    internal static RootCommand CreateRoot()
    {
        var root = new RootCommand("loyalty — data-driven loyalty programs: RFM, segments, CLV, recommendations, rewards.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CliRunner.Run(CreateRoot(), args, stdout, stderr);
}
