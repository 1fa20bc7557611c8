using System.CommandLine;
using System.Globalization;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core;
using Loyalty.Core.Segmentation;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty segment --load-model FILE</c>: assigns the input's rows to a saved k-means (or DBSCAN) model
/// without fitting. JSON: <c>{k, n, d, algorithm, inertia, sizes, centroids, model}</c> for k-means (inertia of the
/// input in the clustering space), <c>{k, n, d, algorithm, eps, noise, sizes, model}</c> for DBSCAN.</summary>
internal static class SegmentAssignCommand
{
    private const string Option = "option --load-model";

    internal sealed record Settings(int? K, bool KRange, bool SaveModel, FileInfo? Output, bool Json);

    internal static int Run(ParseResult parsed, FileInfo file, FeatureMatrix features, bool dbscan, Settings settings)
    {
        if (settings.KRange || settings.SaveModel)
        {
            throw new UserInputException($"{Option}: assigns rows to a saved model; it cannot be combined with --k-range or --save-model");
        }

        var stdout = parsed.InvocationConfiguration.Output;
        return dbscan ? AssignDbscan(file, features, settings, stdout) : AssignKMeans(file, features, settings, stdout);
    }

    private static int AssignKMeans(FileInfo file, FeatureMatrix features, Settings settings, TextWriter stdout)
    {
        var model = ModelFileOptions.Read(file, Option, KMeansModel.Load);
        EnsureColumns(file, model.Dimensions, features);
        if (settings.K is { } k && k != model.K)
        {
            throw new UserInputException($"option --k: {k}, but the model in '{file.FullName}' has k = {model.K}");
        }

        int[] labels = model.Predict(features);
        var sizes = new int[model.K];
        var distances = new double[model.K];
        double inertia = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            sizes[labels[i]]++;
            model.Transform(features.Row(i), distances);
            inertia += distances[labels[i]] * distances[labels[i]];
        }

        WriteLabels(settings, labels);
        string algorithm = model.Algorithm.ToString().ToLowerInvariant();
        float[][] centroids = Enumerable.Range(0, model.K).Select(c => model.Centroids.Row(c).ToArray()).ToArray();
        if (settings.Json)
        {
            CliJson.Write(stdout, new { k = model.K, n = features.Rows, d = features.Columns, algorithm, inertia, sizes, centroids, model = file.FullName });
            return CliRunner.Success;
        }

        var console = SegmentCommand.Console(stdout);
        console.WriteLine($"assigned {features.Rows} rows to the k-means ({algorithm}) model in {file.FullName}: k={model.K}, inertia={inertia:G8}");
        WriteSizes(console, sizes, noise: null);
        return CliRunner.Success;
    }

    private static int AssignDbscan(FileInfo file, FeatureMatrix features, Settings settings, TextWriter stdout)
    {
        var model = ModelFileOptions.Read(file, Option, DbscanModel.Load);
        EnsureColumns(file, model.Dimensions, features);
        var labels = new int[features.Rows];
        var sizes = new int[model.ClusterCount];
        int noise = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = model.Predict(features.Row(i));
            if (labels[i] == SegmentAssignment.Noise)
            {
                noise++;
            }
            else
            {
                sizes[labels[i]]++;
            }
        }

        WriteLabels(settings, labels);
        if (settings.Json)
        {
            CliJson.Write(stdout, new { k = model.ClusterCount, n = features.Rows, d = features.Columns, algorithm = "dbscan", eps = model.Eps, noise, sizes, model = file.FullName });
            return CliRunner.Success;
        }

        var console = SegmentCommand.Console(stdout);
        console.WriteLine($"assigned {features.Rows} rows to the DBSCAN model in {file.FullName}: {model.ClusterCount} clusters, {noise} noise rows");
        WriteSizes(console, sizes, noise);
        return CliRunner.Success;
    }

    private static void EnsureColumns(FileInfo file, int dimensions, FeatureMatrix features)
    {
        if (features.Columns != dimensions)
        {
            throw new UserInputException($"option --input: {features.Columns} columns, but the model in '{file.FullName}' expects {dimensions} (choose the fitting data's columns with --columns)");
        }
    }

    private static void WriteLabels(Settings settings, int[] labels)
    {
        if (settings.Output is { } output)
        {
            SegmentCommand.WriteLabels(output.FullName, labels);
        }
    }

    private static void WriteSizes(IAnsiConsole console, int[] sizes, int? noise)
    {
        var table = new Table().AddColumn("cluster").AddColumn("size");
        if (noise is { } n)
        {
            table.AddRow("noise", n.ToString(CultureInfo.InvariantCulture));
        }

        for (int c = 0; c < sizes.Length; c++)
        {
            table.AddRow(c.ToString(CultureInfo.InvariantCulture), sizes[c].ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }
}
