using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Loyalty.Cli.Infrastructure;
using Loyalty.Cli.Input;
using Loyalty.Core;
using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Segmentation;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty segment</c>: k-means (Lloyd, Hamerly, Yinyang, mini-batch) or DBSCAN on a .csv/.kmf/.npy matrix, or a
/// k-range sweep with quality indices. One JSON object on stdout with --json, a table otherwise; progress and timings on stderr.</summary>
internal static class SegmentCommand
{
    private static readonly Option<FileInfo> Input = new("--input") { Description = "Matrix file: .csv, .kmf or .npy", Required = true };
    private static readonly Option<int?> K = new("--k") { Description = "Number of clusters" };
    private static readonly Option<string> Algorithm = new("--algorithm") { Description = "lloyd | hamerly | yinyang | minibatch | dbscan", DefaultValueFactory = _ => "lloyd" };
    private static readonly Option<double?> Eps = new("--eps") { Description = "DBSCAN neighbourhood radius" };
    private static readonly Option<int?> MinSamples = new("--min-samples") { Description = "DBSCAN points within eps for a core point" };
    private static readonly Option<string> Init = new("--init") { Description = "kmeans++ | kmeans-parallel | random | FILE (CSV of k starting centroids)", DefaultValueFactory = _ => "kmeans++" };
    private static readonly Option<int> NInit = new("--n-init") { Description = "Restarts, best kept", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> MaxIter = new("--max-iter") { Description = "Most iterations per run", DefaultValueFactory = _ => 300 };
    private static readonly Option<double> Tol = new("--tol") { Description = "Tolerance relative to the mean feature variance", DefaultValueFactory = _ => 1e-4 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Random seed", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> Threads = new("--threads") { Description = "Threads (results do not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<string> Standardize = new("--standardize") { Description = "none | zscore | log-zscore", DefaultValueFactory = _ => "none" };
    private static readonly Option<string?> KRange = new("--k-range") { Description = "Sweep k over A..B and print quality indices" };
    private static readonly Option<FileInfo?> Output = new("--output") { Description = "Write row,label CSV here" };
    private static readonly Option<bool> Json = new("--json") { Description = "One JSON object on stdout" };
    private static readonly Option<FileInfo?> SaveModel = ModelFileOptions.Save("k-means or DBSCAN model");
    private static readonly Option<FileInfo?> LoadModel = ModelFileOptions.Load("k-means (or, with --algorithm dbscan, DBSCAN) model; the input's rows are assigned to it");
    private static readonly Option<bool> Header = new("--header") { Description = "A .csv input's line 1 is the header, even if its names read as numbers (the default expects a header and refuses numeric names)" };
    private static readonly Option<bool> NoHeader = new("--no-header") { Description = "A .csv input has no header: every line is data" };
    private static readonly Option<string?> Columns = new("--columns") { Description = "Columns to cluster on, comma-separated: header names, or 1-based column numbers (default: all)" };
    private static readonly Option<int> Repeat = new("--repeat")
    {
        Description = "Fit this many times in one process and report the fastest fit (for timing: the first fit also pays for JIT compilation; results are identical)",
        DefaultValueFactory = _ => 1,
    };

    internal static Command Create()
    {
        var command = new Command("segment", "Cluster customers' feature rows with k-means.")
        {
            Input, Header, NoHeader, Columns, K, Algorithm, Eps, MinSamples, Init, NInit, MaxIter, Tol, Seed, Threads, Standardize, KRange, Output, Json, Repeat, SaveModel, LoadModel,
        };
        command.SetAction(parsed => TrainingErrors.AsUserInput(() => Run(parsed, parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error)));
        return command;
    }

    private static int Run(ParseResult parsed, TextWriter stdout, TextWriter stderr)
    {
        string inputPath = parsed.GetValue(Input)!.FullName;
        MatrixReadOptions reading = ReadOptions(parsed, inputPath);
        long start = Stopwatch.GetTimestamp();
        FeatureMatrix features = MatrixFileReader.Read(inputPath, reading);
        stderr.WriteLine($"read {features.Rows} × {features.Columns} from {inputPath} in {Stopwatch.GetElapsedTime(start).TotalSeconds:F3} s");

        string algorithm = parsed.GetValue(Algorithm)!;
        if (parsed.GetValue(LoadModel) is { } saved)
        {
            return SegmentAssignCommand.Run(parsed, saved, features, algorithm == "dbscan", Settings(parsed));
        }

        if (parsed.GetValue(SaveModel) is not null && parsed.GetValue(KRange) is not null)
        {
            throw new UserInputException("option --save-model: a --k-range sweep fits many models; give --k to save one");
        }

        if (algorithm == "dbscan")
        {
            return RunDbscan(parsed, features, stdout, stderr);
        }

        string? range = parsed.GetValue(KRange);
        KMeansOptions options = Options(parsed, features, range is null, reading);
        if (range is not null)
        {
            (int minK, int maxK) = ParseRange(range);
            var sweep = KSelection.Sweep(features, options with { K = minK }, minK, maxK, cancellationToken: CancellationToken.None);
            WriteSweep(sweep, parsed.GetValue(Json), stdout);
            return CliRunner.Success;
        }

        var progress = new SynchronousProgress<KMeansProgress>(p => stderr.WriteLine($"run {p.Run} iteration {p.Iteration}: {p.LabelsChanged} labels changed, shift {p.CentroidShift:G4}"));
        int repeat = parsed.GetValue(Repeat);
        if (repeat < 1)
        {
            throw new UserInputException($"option --repeat: {repeat} is not a positive number of fits");
        }

        var timings = new FitTimings();
        KMeansModel model = null!;
        for (int r = 0; r < repeat; r++)
        {
            model = algorithm == "minibatch"
                ? FitMiniBatch(options, features)
                : new KMeans(options).Fit(features, progress: parsed.GetValue(Json) || r > 0 ? null : progress);
            timings.Add(model);
        }

        stderr.WriteLine($"init {model.InitSeconds:F4} s, fit {model.FitSeconds:F4} s, {model.Iterations} iterations"
            + (repeat > 1 ? $" (last of {repeat}; fastest fit {timings.FastestFit:F4} s, first {timings.FirstFit:F4} s)" : string.Empty));
        if (parsed.GetValue(Output) is { } labelsFile)
        {
            WriteLabels(labelsFile.FullName, model.Labels);
        }

        if (parsed.GetValue(SaveModel) is { } modelFile)
        {
            ModelFileOptions.Write(modelFile, "option --save-model", model.Save);
        }

        WriteModel(model, algorithm, features, timings, parsed.GetValue(Json), stdout);
        return CliRunner.Success;
    }

    private static KMeansModel FitMiniBatch(KMeansOptions options, FeatureMatrix features)
    {
        if (options.Standardization != ScalingMethod.None || options.Initialization != KMeansInitialization.KMeansPlusPlus)
        {
            throw new UserInputException("option --algorithm minibatch: use it without --standardize and --init (it starts with k-means++ on its first batch)");
        }

        var miniBatch = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = options.K, Seed = options.Seed, MaxSteps = options.MaxIterations, Tolerance = options.Tolerance });
        return miniBatch.Fit(features);
    }

    private static int RunDbscan(ParseResult parsed, FeatureMatrix features, TextWriter stdout, TextWriter stderr)
    {
        double eps = parsed.GetValue(Eps) ?? throw new UserInputException("option --eps is required with --algorithm dbscan");
        int minSamples = parsed.GetValue(MinSamples) ?? throw new UserInputException("option --min-samples is required with --algorithm dbscan");
        if (parsed.GetValue(Standardize) != "none")
        {
            throw new UserInputException("option --standardize: dbscan works on the features as given; standardise them beforehand");
        }

        long start = Stopwatch.GetTimestamp();
        DbscanModel model = new Dbscan(new DbscanOptions { Eps = eps, MinSamples = minSamples }).Fit(features);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        stderr.WriteLine($"dbscan: {model.ClusterCount} clusters, {model.NoiseCount} noise rows, {seconds:F4} s");
        var sizes = new int[model.ClusterCount];
        foreach (int label in model.Labels.Where(l => l >= 0))
        {
            sizes[label]++;
        }

        if (parsed.GetValue(Output) is { } labelsFile)
        {
            WriteLabels(labelsFile.FullName, model.Labels);
        }

        if (parsed.GetValue(SaveModel) is { } modelFile)
        {
            ModelFileOptions.Write(modelFile, "option --save-model", model.Save);
        }

        if (parsed.GetValue(Json))
        {
            CliJson.Write(stdout, new { k = model.ClusterCount, n = features.Rows, d = features.Columns, algorithm = "dbscan", eps, minSamples, noise = model.NoiseCount, fitSeconds = seconds, sizes });
            return CliRunner.Success;
        }

        var table = new Table().AddColumn("cluster").AddColumn("size");
        table.AddRow("noise", model.NoiseCount.ToString(CultureInfo.InvariantCulture));
        for (int c = 0; c < sizes.Length; c++)
        {
            table.AddRow(c.ToString(CultureInfo.InvariantCulture), sizes[c].ToString(CultureInfo.InvariantCulture));
        }

        Console(stdout).Write(table);
        return CliRunner.Success;
    }

    /// <summary>How CSV files are read: a header is expected unless --no-header; --header accepts numeric names. The
    /// header options apply to every CSV the command reads (the input and an --init file), so they are an error when
    /// it reads none.</summary>
    private static MatrixReadOptions ReadOptions(ParseResult parsed, string inputPath)
    {
        bool header = parsed.GetValue(Header);
        bool noHeader = parsed.GetValue(NoHeader);
        if (header && noHeader)
        {
            throw new UserInputException("options --header and --no-header: give one or the other");
        }

        string? option = header ? "--header" : noHeader ? "--no-header" : null;
        string init = parsed.GetValue(Init)!;
        bool readsCsv = MatrixFileReader.IsCsv(inputPath) || (init is not ("kmeans++" or "kmeans-parallel" or "random") && File.Exists(init));
        if (option is not null && !readsCsv)
        {
            throw new UserInputException($"option {option}: '{inputPath}' is a {Path.GetExtension(inputPath)} file, which has no header line; the option applies to .csv files");
        }

        return new MatrixReadOptions(header ? CsvHeaderMode.Present : noHeader ? CsvHeaderMode.Absent : CsvHeaderMode.Expected, parsed.GetValue(Columns), option);
    }

    private static KMeansOptions Options(ParseResult parsed, FeatureMatrix features, bool needK, MatrixReadOptions reading)
    {
        int? k = parsed.GetValue(K);
        if (needK && k is null)
        {
            throw new UserInputException("option --k is required (or give --k-range A..B)");
        }

        string init = parsed.GetValue(Init)!;
        KMeansInitialization initialization = init switch
        {
            "kmeans++" => KMeansInitialization.KMeansPlusPlus,
            "kmeans-parallel" => KMeansInitialization.KMeansParallel,
            "random" => KMeansInitialization.Random,
            _ => KMeansInitialization.Given,
        };
        FeatureMatrix? given = null;
        if (initialization == KMeansInitialization.Given)
        {
            // The centroids are in the clustering space: --columns selected the input's columns, not the file's.
            given = File.Exists(init) ? MatrixCsvReader.Read(init, reading with { Columns = null }) : throw new UserInputException(
                $"option --init: '{init}' is neither kmeans++, kmeans-parallel, random nor an existing centroid file");
            if (given.Columns != features.Columns)
            {
                throw new UserInputException($"option --init: '{init}' has {given.Columns} columns; the input has {features.Columns}");
            }
        }

        return new KMeansOptions
        {
            K = k ?? given?.Rows ?? 1,
            Algorithm = parsed.GetValue(Algorithm) switch
            {
                "lloyd" or "minibatch" => KMeansAlgorithm.Lloyd,
                "hamerly" => KMeansAlgorithm.Hamerly,
                "yinyang" => KMeansAlgorithm.Yinyang,
                var other => throw new UserInputException($"option --algorithm: '{other}' is not one of lloyd, hamerly, yinyang, minibatch, dbscan"),
            },
            Initialization = initialization,
            InitialCentroids = given,
            NInit = parsed.GetValue(NInit),
            MaxIterations = parsed.GetValue(MaxIter),
            Tolerance = parsed.GetValue(Tol),
            Seed = parsed.GetValue(Seed),
            MaxDegreeOfParallelism = parsed.GetValue(Threads),
            Standardization = parsed.GetValue(Standardize) switch
            {
                "none" => ScalingMethod.None,
                "zscore" => ScalingMethod.ZScore,
                "log-zscore" => ScalingMethod.Log1pZScore,
                var other => throw new UserInputException($"option --standardize: '{other}' is not one of none, zscore, log-zscore"),
            },
        };
    }

    private static (int Min, int Max) ParseRange(string range)
    {
        string[] parts = range.Split("..");
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int min)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int max)
            && min >= 1 && max >= min)
        {
            return (min, max);
        }

        throw new UserInputException($"option --k-range: '{range}' is not A..B with 1 ≤ A ≤ B");
    }

    /// <summary>What assigning with a saved model needs from the command line.</summary>
    private static SegmentAssignCommand.Settings Settings(ParseResult parsed) => new(
        parsed.GetValue(K), parsed.GetValue(KRange) is not null, parsed.GetValue(SaveModel) is not null, parsed.GetValue(Output), parsed.GetValue(Json));

    internal static void WriteLabels(string path, IReadOnlyList<int> labels)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("row,label");
        for (int i = 0; i < labels.Count; i++)
        {
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(labels[i].ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void WriteModel(KMeansModel model, string algorithm, FeatureMatrix features, FitTimings timings, bool json, TextWriter stdout)
    {
        float[][] centroids = Enumerable.Range(0, model.K).Select(c => model.Centroids.Row(c).ToArray()).ToArray();
        if (json)
        {
            CliJson.Write(stdout, new
            {
                k = model.K,
                n = features.Rows,
                d = features.Columns,
                algorithm,
                iterations = model.Iterations,
                inertia = model.Inertia,
                initSeconds = timings.FastestInit,
                fitSeconds = timings.FastestFit,
                firstInitSeconds = timings.FirstInit,
                firstFitSeconds = timings.FirstFit,
                repeats = timings.Count,
                converged = model.Converged,
                sizes = model.Sizes,
                centroids,
            });
            return;
        }

        var console = Console(stdout);
        console.WriteLine($"k-means ({algorithm}): k={model.K}, n={features.Rows}, d={features.Columns}, {model.Iterations} iterations, converged={model.Converged}, inertia={model.Inertia:G8}");
        var table = new Table().AddColumn("cluster").AddColumn("size").AddColumn("share");
        foreach (string name in features.ColumnNames)
        {
            table.AddColumn(Markup.Escape(name));
        }

        for (int c = 0; c < model.K; c++)
        {
            var cells = new List<string> { c.ToString(CultureInfo.InvariantCulture), model.Sizes[c].ToString(CultureInfo.InvariantCulture), ((double)model.Sizes[c] / features.Rows).ToString("P1", CultureInfo.InvariantCulture) };
            cells.AddRange(centroids[c].Select(v => v.ToString("G5", CultureInfo.InvariantCulture)));
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
    }

    private static void WriteSweep(KSelectionResult sweep, bool json, TextWriter stdout)
    {
        if (json)
        {
            CliJson.Write(stdout, new
            {
                ks = sweep.Ks,
                inertia = sweep.Inertia,
                silhouette = sweep.Silhouette,
                calinskiHarabasz = sweep.CalinskiHarabasz,
                daviesBouldin = sweep.DaviesBouldin,
                suggestedK = sweep.SuggestedK,
            });
            return;
        }

        var table = new Table().AddColumn("k").AddColumn("inertia").AddColumn("silhouette").AddColumn("Calinski-Harabasz").AddColumn("Davies-Bouldin");
        for (int i = 0; i < sweep.Ks.Count; i++)
        {
            table.AddRow(
                sweep.Ks[i].ToString(CultureInfo.InvariantCulture), sweep.Inertia[i].ToString("G6", CultureInfo.InvariantCulture),
                sweep.Silhouette[i].ToString("F4", CultureInfo.InvariantCulture), sweep.CalinskiHarabasz[i].ToString("G6", CultureInfo.InvariantCulture),
                sweep.DaviesBouldin[i].ToString("F4", CultureInfo.InvariantCulture));
        }

        var console = Console(stdout);
        console.Write(table);
        console.WriteLine($"suggested k: {sweep.SuggestedK} (highest silhouette)");
    }

    internal static IAnsiConsole Console(TextWriter stdout) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
    });

    /// <summary>Init and fit times over repeated fits: the first (with JIT compilation) and the fastest.</summary>
    private sealed class FitTimings
    {
        internal int Count { get; private set; }

        internal double FirstInit { get; private set; }

        internal double FirstFit { get; private set; }

        internal double FastestInit { get; private set; } = double.PositiveInfinity;

        internal double FastestFit { get; private set; } = double.PositiveInfinity;

        internal void Add(KMeansModel model)
        {
            if (Count == 0)
            {
                FirstInit = model.InitSeconds;
                FirstFit = model.FitSeconds;
            }

            FastestInit = Math.Min(FastestInit, model.InitSeconds);
            FastestFit = Math.Min(FastestFit, model.FitSeconds);
            Count++;
        }
    }
}
