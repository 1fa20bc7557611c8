using System.CommandLine;
using System.Globalization;
using Loyalty.Cli.Datasets;
using Loyalty.Cli.Infrastructure;
using Loyalty.Cli.Input;
using Loyalty.Core;
using Loyalty.Core.Recommendation;
using Loyalty.Core.Recommendation.Evaluation;
using Spectre.Console;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty recommend evaluate|top</c>: cross-validate a recommender on a ratings file, or list a user's
/// top-N unseen items. One JSON object on stdout with --json, a table otherwise; progress on stderr.</summary>
internal static class RecommendCommand
{
    private static readonly Option<FileInfo?> Ratings = new("--ratings") { Description = "Ratings file for k-fold cross-validation (with --folds); dataset:movielens-100k/u.data names a data set file", CustomParser = DatasetPath.ParseFile };
    private static readonly Option<int?> Folds = new("--folds") { Description = "Number of folds for --ratings (--split kfold)" };
    private static readonly Option<string> Split = new("--split") { Description = "How --ratings is split: kfold (with --folds) | leave-last-out (each user's latest rating by timestamp is the test set)", DefaultValueFactory = _ => "kfold" };
    private static readonly Option<FileInfo?> Train = new("--train") { Description = "Training ratings file (or dataset:movielens-100k/u1.base)", CustomParser = DatasetPath.ParseFile };
    private static readonly Option<FileInfo?> Test = new("--test") { Description = "Test ratings file (with --train; or dataset:movielens-100k/u1.test)", CustomParser = DatasetPath.ParseFile };
    private static readonly Option<string?> Format = new("--format") { Description = "csv | movielens (default: by extension, .csv is csv)" };
    private static readonly Option<string> Algorithm = new("--algorithm") { Description = "svd | svdpp | als | knn | baseline", DefaultValueFactory = _ => "svd" };
    private static readonly Option<int?> Factors = new("--factors") { Description = "Latent factors (svd 100, svdpp 20, als 64)" };
    private static readonly Option<int?> Epochs = new("--epochs") { Description = "Epochs or ALS iterations" };
    private static readonly Option<float?> LearningRate = new("--lr") { Description = "SGD learning rate (svd, svdpp)" };
    private static readonly Option<float?> Regularization = new("--reg") { Description = "Regularization (svd, svdpp, als)" };
    private static readonly Option<int> Seed = new("--seed") { Description = "Random seed (model and folds)", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> Threads = new("--threads") { Description = "Training threads, at most (default: all cores). als uses them; svd stays in Surprise's order on one thread unless --schedule blocked or --threads N > 1 is given (blocked results are identical for 1-4 threads)", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<string?> Schedule = new("--schedule") { Description = "svd rating order: sequential (Surprise's order, one thread) | blocked (FPSGD, parallel). Default: sequential, or blocked when --threads N > 1 is given" };
    private static readonly Option<int> TopK = new("--top-k") { Description = "k of precision/recall/NDCG@k", DefaultValueFactory = _ => 10 };
    private static readonly Option<string> UserColumn = new("--user-column") { Description = "CSV user column", DefaultValueFactory = _ => "user" };
    private static readonly Option<string> ItemColumn = new("--item-column") { Description = "CSV item column", DefaultValueFactory = _ => "item" };
    private static readonly Option<string> RatingColumn = new("--rating-column") { Description = "CSV rating column", DefaultValueFactory = _ => "rating" };
    private static readonly Option<string> TimestampColumn = new("--timestamp-column") { Description = "CSV timestamp column (integer; needed by --split leave-last-out)", DefaultValueFactory = _ => "timestamp" };
    private static readonly Option<string> Scale = new("--rating-scale") { Description = "Valid ratings MIN..MAX (explicit algorithms)", DefaultValueFactory = _ => "1..5" };
    private static readonly Option<string> User = new("--user") { Description = "The user to recommend for", Required = true };
    private static readonly Option<int> Count = new("--n") { Description = "Number of items", DefaultValueFactory = _ => 10 };
    private static readonly Option<bool> Json = new("--json") { Description = "One JSON object on stdout" };
    private static readonly Option<long?> KnnMaxMemory = new("--knn-max-memory") { Description = "knn: the most memory (MiB) fitting may take for the similarity matrix; larger item sets are refused before allocating (default 4096)" };
    private static readonly Option<FileInfo?> SaveModel = ModelFileOptions.Save("recommender (fitted on --train)");
    private static readonly Option<FileInfo?> LoadModel = ModelFileOptions.Load("recommender (knn with --algorithm knn, otherwise a factor model); --train is then not needed");

    internal static Command Create()
    {
        var evaluate = new Command("evaluate", "Cross-validate a recommender: RMSE, MAE, precision/recall/NDCG@k per fold.")
        {
            Ratings, Folds, Split, Train, Test, Format, Algorithm, Factors, Epochs, LearningRate, Regularization, Seed, Threads, Schedule,
            TopK, UserColumn, ItemColumn, RatingColumn, TimestampColumn, Scale, KnnMaxMemory, Json,
        };
        evaluate.SetAction(parsed => TrainingErrors.AsUserInput(() => Evaluate(parsed, parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error)));
        var top = new Command("top", "A user's top-N items they have not rated yet.")
        {
            Train, User, Count, Format, Algorithm, Factors, Epochs, LearningRate, Regularization, Seed, Threads, Schedule,
            UserColumn, ItemColumn, RatingColumn, Scale, KnnMaxMemory, Json, SaveModel, LoadModel,
        };
        top.SetAction(parsed => TrainingErrors.AsUserInput(() => Top(parsed, parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error)));
        return new Command("recommend", "Recommenders: matrix factorization (SVD, SVD++), implicit ALS, kNN, baseline.") { evaluate, top };
    }

    private static (IRecommendationModel Model, string Source) FitRecommender(ParseResult parsed)
    {
        var trainFile = parsed.GetValue(Train) ?? throw new UserInputException("option --train is required (or give --load-model)");
        var train = Read(parsed, trainFile.FullName);
        IRecommendationModel model;
        try
        {
            model = CreateRecommender(parsed, parsed.GetValue(Algorithm)!).Fit(train.Interactions);
        }
        catch (ArgumentException ex) when (ex.ParamName == "interactions")
        {
            throw new UserInputException($"{trainFile.FullName}: {WithoutParameter(ex)}{RowNote(ex)}");
        }

        if (parsed.GetValue(SaveModel) is { } file)
        {
            Action<Stream> save = model switch
            {
                FactorModel f => f.Save,
                KnnModel k => k.Save,
                _ => throw new InvalidOperationException($"No model file for {model.GetType().Name}."),
            };
            ModelFileOptions.Write(file, "option --save-model", save);
        }

        return (model, trainFile.Name);
    }

    private static (IRecommendationModel Model, string Source) LoadRecommender(ParseResult parsed, FileInfo file)
    {
        if (parsed.GetValue(Train) is not null || parsed.GetValue(SaveModel) is not null)
        {
            throw new UserInputException("option --load-model: recommends from a saved model; it cannot be combined with --train or --save-model");
        }

        IRecommendationModel model = parsed.GetValue(Algorithm) == "knn"
            ? ModelFileOptions.Read(file, "option --load-model", KnnModel.Load)
            : ModelFileOptions.Read(file, "option --load-model", FactorModel.Load);
        return (model, file.Name);
    }

    private static int Evaluate(ParseResult parsed, TextWriter stdout, TextWriter stderr)
    {
        var (splits, source) = LoadSplits(parsed);
        string algorithm = parsed.GetValue(Algorithm)!;
        var recommender = CreateRecommender(parsed, algorithm);
        int k = parsed.GetValue(TopK);
        if (k < 1)
        {
            throw new UserInputException($"option --top-k: must be >= 1 (was {k})");
        }

        int fold = 0;
        var progress = new SynchronousProgress<FoldResult>(r =>
            stderr.WriteLine($"fold {++fold}/{splits.Count}: RMSE {r.Rmse:F4}, MAE {r.Mae:F4}, fit {r.FitSeconds:F3} s"));
        EvaluationReport report;
        try
        {
            report = CrossValidation.Run(recommender, splits, k, progress: progress);
        }
        catch (ArgumentException ex) when (ex.ParamName == "interactions")
        {
            throw new UserInputException($"{source}: {WithoutParameter(ex)}{RowNote(ex)}");
        }

        if (parsed.GetValue(Json))
        {
            CliJson.Write(stdout, new
            {
                algorithm,
                k,
                folds = report.Folds.Select(f => new
                {
                    rmse = f.Rmse,
                    mae = f.Mae,
                    precisionAtK = f.PrecisionAtK,
                    recallAtK = f.RecallAtK,
                    ndcgAtK = f.NdcgAtK,
                    mapAtK = f.MapAtK,
                    fitSeconds = f.FitSeconds,
                    trainRatings = f.TrainRatings,
                    testRatings = f.TestRatings,
                }),
                rmse = report.Rmse,
                mae = report.Mae,
                precisionAtK = report.PrecisionAtK,
                recallAtK = report.RecallAtK,
                ndcgAtK = report.NdcgAtK,
                fitSeconds = report.FitSeconds,
            });
            return CliRunner.Success;
        }

        var table = new Table().AddColumns("fold", "RMSE", "MAE", $"P@{k}", $"R@{k}", $"NDCG@{k}", "fit s", "train", "test");
        for (int f = 0; f < report.Folds.Count; f++)
        {
            var r = report.Folds[f];
            table.AddRow(Cells((f + 1).ToString(CultureInfo.InvariantCulture), r.Rmse, r.Mae, r.PrecisionAtK, r.RecallAtK, r.NdcgAtK, r.FitSeconds, r.TrainRatings, r.TestRatings));
        }

        table.AddRow(Cells("mean", report.Rmse, report.Mae, report.PrecisionAtK, report.RecallAtK, report.NdcgAtK, report.FitSeconds, null, null));
        Console(stdout).Write(table);
        return CliRunner.Success;
    }

    private static int Top(ParseResult parsed, TextWriter stdout, TextWriter stderr)
    {
        string user = parsed.GetValue(User)!;
        int n = parsed.GetValue(Count);
        if (n < 1)
        {
            throw new UserInputException($"option --n: must be >= 1 (was {n})");
        }

        var (model, source) = parsed.GetValue(LoadModel) is { } saved ? LoadRecommender(parsed, saved) : FitRecommender(parsed);
        bool known = model switch
        {
            FactorModel f => f.IsKnownUser(user),
            KnnModel k => k.IsKnownUser(user),
            _ => true,
        };
        if (!known)
        {
            stderr.WriteLine($"user '{user}' is not in {source}: falling back to the most popular items");
        }

        var items = model.RecommendTop(user, n);
        if (parsed.GetValue(Json))
        {
            CliJson.Write(stdout, new { user, items = items.Select(s => new { item = s.Item, score = s.Score }), fallback = known ? null : "popularity" });
            return CliRunner.Success;
        }

        var table = new Table().AddColumns("rank", "item", known ? "score" : "interactions");
        for (int r = 0; r < items.Count; r++)
        {
            table.AddRow((r + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(items[r].Item), items[r].Score.ToString("G5", CultureInfo.InvariantCulture));
        }

        Console(stdout).Write(table);
        return CliRunner.Success;
    }

    private static (IReadOnlyList<RatingSplit> Splits, string Source) LoadSplits(ParseResult parsed)
    {
        var ratings = parsed.GetValue(Ratings);
        var train = parsed.GetValue(Train);
        var test = parsed.GetValue(Test);
        if (ratings is not null && (train is not null || test is not null))
        {
            throw new UserInputException("give either --ratings FILE --folds K or --train FILE --test FILE, not both");
        }

        if (ratings is not null)
        {
            var data = Read(parsed, ratings.FullName);
            string split = parsed.GetValue(Split)!;
            int? folds = parsed.GetValue(Folds);
            switch (split)
            {
                case "kfold":
                    int k = folds ?? throw new UserInputException("option --folds is required with --ratings (--split kfold)");
                    if (k < 2 || k > data.Interactions.Count)
                    {
                        throw new UserInputException($"option --folds: must be between 2 and the number of ratings ({data.Interactions.Count}), was {k}");
                    }

                    return (Splits.KFold(data.Interactions, k, parsed.GetValue(Seed)), ratings.FullName);
                case "leave-last-out":
                    if (folds is not null)
                    {
                        throw new UserInputException("option --folds: not used with --split leave-last-out (it makes one split)");
                    }

                    var timestamps = data.Timestamps ?? throw new UserInputException(
                        $"{ratings.FullName}: --split leave-last-out needs a timestamp on every rating (movielens: the 4th field; csv: column '{parsed.GetValue(TimestampColumn)}', see --timestamp-column)");
                    var lastOut = Splits.LeaveLastOut(data.Interactions, timestamps);
                    if (lastOut.Test.Count == 0)
                    {
                        throw new UserInputException($"{ratings.FullName}: --split leave-last-out found no user with two or more ratings, so there is nothing to test");
                    }

                    return ([lastOut], ratings.FullName);
                default:
                    throw new UserInputException($"option --split: '{split}' is not one of kfold, leave-last-out");
            }
        }

        if (train is null || test is null)
        {
            throw new UserInputException("give --ratings FILE --folds K, or --train FILE --test FILE");
        }

        return ([new RatingSplit(Read(parsed, train.FullName).Interactions, Read(parsed, test.FullName).Interactions)], train.FullName);
    }

    private static RatingsFile Read(ParseResult parsed, string path)
    {
        var file = RatingsFile.Read(
            path,
            RatingsFile.ParseFormat(parsed.GetValue(Format), path),
            new RatingsColumns(parsed.GetValue(UserColumn)!, parsed.GetValue(ItemColumn)!, parsed.GetValue(RatingColumn)!, parsed.GetValue(TimestampColumn)!));
        var scale = ParseScale(parsed);
        file.Validate(scale.Min, scale.Max, parsed.GetValue(Algorithm) == "als");
        return file;
    }

    private static RatingScale ParseScale(ParseResult parsed)
    {
        string text = parsed.GetValue(Scale)!;
        string[] parts = text.Split("..");
        if (parts.Length == 2
            && float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float min)
            && float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float max)
            && float.IsFinite(min) && float.IsFinite(max) && min < max)
        {
            return new RatingScale(min, max);
        }

        throw new UserInputException($"option --rating-scale: '{text}' is not MIN..MAX with MIN < MAX");
    }

    /// <summary>kNN's options: --knn-max-memory (MiB) sets the memory cap, checked in one place by KnnOptions.</summary>
    private static KnnOptions KnnOptionsFor(ParseResult parsed, RatingScale scale)
    {
        var options = new KnnOptions { Scale = scale };
        if (parsed.GetValue(KnnMaxMemory) is not { } mib)
        {
            return options;
        }

        const long MaxMib = long.MaxValue >> 20;
        if (mib is <= 0 or > MaxMib)
        {
            throw new UserInputException($"option --knn-max-memory: {mib.ToString(CultureInfo.InvariantCulture)} is not a memory size in MiB between 1 and {MaxMib.ToString(CultureInfo.InvariantCulture)}");
        }

        return options with { MaxMemoryBytes = mib << 20 };
    }

    private static IRecommender CreateRecommender(ParseResult parsed, string algorithm)
    {
        int? factors = parsed.GetValue(Factors);
        int? epochs = parsed.GetValue(Epochs);
        float? lr = parsed.GetValue(LearningRate);
        float? reg = parsed.GetValue(Regularization);
        int seed = parsed.GetValue(Seed);
        int threads = parsed.GetValue(Threads);
        var scale = ParseScale(parsed);
        var schedule = ParseSchedule(parsed, threads);
        var svd = new MatrixFactorizationOptions
        {
            Seed = seed, Threads = schedule == SgdSchedule.Sequential ? 1 : threads, Scale = scale, Schedule = schedule,
        };
        var svdpp = new SvdPlusPlusOptions { Seed = seed, Scale = scale };
        var als = new ImplicitAlsOptions { Seed = seed, Threads = threads };
        return algorithm switch
        {
            "svd" => new MatrixFactorizationRecommender(svd with
            {
                Factors = factors ?? svd.Factors, Epochs = epochs ?? svd.Epochs, LearningRate = lr ?? svd.LearningRate, Regularization = reg ?? svd.Regularization,
            }),
            "svdpp" => new SvdPlusPlusRecommender(svdpp with
            {
                Factors = factors ?? svdpp.Factors, Epochs = epochs ?? svdpp.Epochs, LearningRate = lr ?? svdpp.LearningRate, Regularization = reg ?? svdpp.Regularization,
            }),
            "als" => new ImplicitAlsRecommender(als with
            {
                Factors = factors ?? als.Factors, Iterations = epochs ?? als.Iterations, Regularization = reg ?? als.Regularization,
            }),
            "knn" => new KnnRecommender(KnnOptionsFor(parsed, scale)),
            "baseline" => new BaselineRecommender(new BaselineOptions { Epochs = epochs ?? 10, Scale = scale }),
            _ => throw new UserInputException($"option --algorithm: '{algorithm}' is not one of svd, svdpp, als, knn, baseline"),
        };
    }

    /// <summary>--schedule, or by default Surprise's sequential order, unless more than one thread was asked for
    /// explicitly (the all-cores default alone keeps the reproducible sequential order).</summary>
    private static SgdSchedule ParseSchedule(ParseResult parsed, int threads)
    {
        bool manyThreadsAsked = parsed.GetResult(Threads) is { Implicit: false } && threads > 1;
        return parsed.GetValue(Schedule) switch
        {
            null => manyThreadsAsked ? SgdSchedule.Blocked : SgdSchedule.Sequential,
            "sequential" when manyThreadsAsked => throw new UserInputException($"option --schedule: sequential runs on one thread (--threads was {threads}); use --schedule blocked"),
            "sequential" => SgdSchedule.Sequential,
            "blocked" => SgdSchedule.Blocked,
            var other => throw new UserInputException($"option --schedule: '{other}' is not one of sequential, blocked"),
        };
    }

    private static string WithoutParameter(ArgumentException ex) =>
        ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);

    // Only errors that name a row need the note on how rows are counted (not, e.g., kNN's size limit).
    private static string RowNote(ArgumentException ex) =>
        ex.Message.Contains("row ", StringComparison.Ordinal) ? " (rows count data lines from 0)" : string.Empty;

    private static string[] Cells(string first, params object?[] values) =>
        [first, .. values.Select(v => v switch
        {
            null => "",
            double d => d.ToString("F4", CultureInfo.InvariantCulture),
            int i => i.ToString(CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        })];

    private static IAnsiConsole Console(TextWriter stdout) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
}
