using System.CommandLine;
using Loyalty.Cli.Datasets;
using Loyalty.Cli.Infrastructure;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty datasets list</c>: each data set, where the lookup finds it (or that it is missing), its
/// licence note and its source.</summary>
internal static class DatasetsListCommand
{
    internal static Command Create()
    {
        var cacheDir = new Option<DirectoryInfo?>("--cache-dir") { Description = "Cache folder to look in instead of the per-user cache." };
        var json = CommonOptions.Json();
        var command = new Command("list", "Where each data set is found (LOYALTY_DATA, ../shared/data, the cache) or that it is missing, with its licence and source.")
        {
            cacheDir, json,
        };

        command.SetAction(parse =>
        {
            var locator = DatasetLocator.FromProcess(parse.GetValue(cacheDir)?.FullName);
            var rows = DatasetCatalog.All.Select(dataset => (Dataset: dataset, Location: locator.Find(dataset))).ToList();
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                CliJson.Write(stdout, new
                {
                    cache = locator.CacheRoot,
                    datasets = rows.Select(row => new
                    {
                        name = row.Dataset.Name,
                        title = row.Dataset.Title,
                        found = row.Location is not null,
                        directory = row.Location?.Directory,
                        origin = row.Location?.Origin,
                        searched = locator.Candidates(row.Dataset).Select(candidate => candidate.Directory),
                        licence = row.Dataset.Licence,
                        requiresAcceptance = row.Dataset.RequiresAcceptance,
                        source = row.Dataset.Source,
                        url = row.Dataset.Downloads()[0].ToString(),
                    }),
                });
                return CliRunner.Success;
            }

            stdout.WriteLine($"Lookup order: ${DatasetLocator.DataVariable}/<name>, ../shared/data/<name> (current directory, then repository), cache {locator.CacheRoot}/<name>.");
            foreach (var (dataset, location) in rows)
            {
                stdout.WriteLine();
                stdout.WriteLine(location is null
                    ? $"{dataset.Name}: missing — `loyalty datasets fetch {dataset.Name}` downloads it into the cache"
                    : $"{dataset.Name}: found ({location.Origin}) in {location.Directory}");
                stdout.WriteLine($"  {dataset.Title}");
                stdout.WriteLine($"  source:  {dataset.Source}");
                stdout.WriteLine($"  licence: {dataset.Licence}");
            }

            return CliRunner.Success;
        });
        return command;
    }
}
