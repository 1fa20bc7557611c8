using System.CommandLine;
using Loyalty.Cli.Commands;
using Loyalty.Cli.Infrastructure;

var root = new RootCommand("loyalty — data-driven loyalty programs: RFM, segments, CLV, recommendations, rewards.");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

return CliRunner.Run(root, args, Console.Out, Console.Error);
