using System.CommandLine;
using System.Globalization;
using Loyalty.Cli.Infrastructure;
using Loyalty.Cli.Input;
using Loyalty.Core;
using Loyalty.Core.Lifetime;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty clv fit</c>: fits a lifetime model on a summary CSV, optionally a spend model, and writes
/// per-customer predictions.</summary>
internal static class ClvCommand
{
    private static readonly string[] PurchaseModels = ["bgnbd", "mbgnbd", "paretonbd", "bgbb", "sbg"];

    internal static Command Create()
    {
        var summary = new Option<string?>("--summary") { Description = "Summary CSV: id,frequency,recency,T[,monetary_value] (or x,t_x,T,zbar); bgbb: frequency,recency,periods[,weights]; sbg: a column of survivors per period." };
        var transactions = new TransactionInputOptions(required: false);
        var model = new Option<string>("--model") { Description = "bgnbd | mbgnbd | paretonbd | bgbb | sbg.", Required = true };
        model.AcceptOnlyFromAmong(PurchaseModels);
        var spend = new Option<string?>("--spend") { Description = "Spend model: gammagamma (needs a monetary_value/zbar column)." };
        spend.AcceptOnlyFromAmong("gammagamma");
        var penalizer = new Option<double>("--penalizer") { Description = "L2 penalty on the parameters (default 0).", DefaultValueFactory = _ => 0 };
        var predictions = new Option<string?>("--predictions") { Description = "Write customer_id,p_alive,expected_purchases,expected_spend,clv to this CSV (input order)." };
        var horizon = new Option<double?>("--horizon") { Description = "Prediction horizon in the data's time unit (required with --predictions)." };
        var discount = new Option<double>("--discount-rate") { Description = "Monthly discount rate for CLV (default 0.01).", DefaultValueFactory = _ => 0.01 };
        var timeUnit = new Option<string>("--time-unit") { Description = "Time unit of recency, T and horizon: day | week | month (default week; 4.345 weeks or 30 days per month).", DefaultValueFactory = _ => "week" };
        timeUnit.AcceptOnlyFromAmong("day", "week", "month");
        var maxIterations = new Option<int>("--max-iterations") { Description = "Optimizer iteration limit (default 1000).", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout." };
        var saveModel = ModelFileOptions.Save("purchase (or sbg) model");
        var loadModel = ModelFileOptions.Load("purchase (or sbg) model of the --model kind; predictions and the report use it without refitting");
        var saveSpend = ModelFileOptions.Save("Gamma-Gamma spend model (with --spend gammagamma)", "--save-spend-model");
        var loadSpend = ModelFileOptions.Load("Gamma-Gamma spend model", "--load-spend-model");

        var fit = new Command("fit", "Fit a CLV model by maximum likelihood and optionally write predictions.")
        {
            summary, model, spend, penalizer, predictions, horizon, discount, timeUnit, maxIterations, json,
            saveModel, loadModel, saveSpend, loadSpend,
        };
        transactions.AddTo(fit);
        fit.SetAction(parse =>
        {
            var request = new ClvRequest(
                parse.GetValue(summary),
                parse.GetRequiredValue(model),
                parse.GetValue(spend),
                parse.GetValue(penalizer),
                parse.GetValue(predictions),
                parse.GetValue(horizon),
                parse.GetValue(discount),
                TimeUnitExtensions.Parse(parse.GetValue(timeUnit) ?? "week"),
                parse.GetValue(json),
                parse.GetValue(maxIterations),
                transactions.Read(parse))
            {
                SaveModel = parse.GetValue(saveModel),
                LoadModel = parse.GetValue(loadModel),
                SaveSpendModel = parse.GetValue(saveSpend),
                LoadSpendModel = parse.GetValue(loadSpend),
            };
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return ClvFitRunner.Run(request, output, error);
        });

        return new Command("clv", "Customer lifetime value: BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, sBG and Gamma-Gamma.") { fit };
    }
}

/// <summary>The parsed arguments of <c>clv fit</c>.</summary>
internal sealed record ClvRequest(
    string? Summary, string Model, string? Spend, double Penalizer, string? Predictions, double? Horizon, double DiscountRate,
    TimeUnit Unit, bool Json, int MaxIterations = 1000, TransactionInput? Transactions = null)
{
    /// <summary>Where to save the purchase (or sbg) model; null to not save it.</summary>
    internal FileInfo? SaveModel { get; init; }

    /// <summary>A saved purchase (or sbg) model to use instead of fitting; null to fit.</summary>
    internal FileInfo? LoadModel { get; init; }

    /// <summary>Where to save the spend model; null to not save it.</summary>
    internal FileInfo? SaveSpendModel { get; init; }

    /// <summary>A saved spend model to use instead of fitting one; null to fit (with <c>--spend</c>).</summary>
    internal FileInfo? LoadSpendModel { get; init; }

    /// <summary>The summary file, once <c>Check</c> has ensured there is one.</summary>
    internal string SummaryFile => Summary ?? throw new InvalidOperationException("No --summary file.");
}

/// <summary>Carries out <c>clv fit</c>.</summary>
internal static class ClvFitRunner
{
    internal static int Run(ClvRequest request, TextWriter stdout, TextWriter stderr)
    {
        Check(request);
        var options = new FitOptions { Penalizer = request.Penalizer, MaxIterations = request.MaxIterations };
        return request.Model switch
        {
            "sbg" => Report(request, FitSbg(request, options), null, stdout, stderr),
            "bgbb" => FitDiscrete(request, options, stdout, stderr),
            _ => FitContinuous(request, options, stdout, stderr),
        };
    }

    private static void Check(ClvRequest r)
    {
        var problems = new List<string>();
        if (!(r.Penalizer >= 0) || double.IsInfinity(r.Penalizer))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"--penalizer ({r.Penalizer}) must be ≥ 0"));
        }

        if (r.MaxIterations <= 0)
        {
            problems.Add($"--max-iterations ({r.MaxIterations}) must be > 0");
        }

        if ((r.Summary is null) == (r.Transactions is null))
        {
            problems.Add("give exactly one of --summary FILE or --transactions FILE");
        }

        if (r.Transactions is not null && r.Model is "bgbb" or "sbg")
        {
            problems.Add($"--model {r.Model} reads its own summary layout; use --summary");
        }

        if (r.Spend is not null && r.Model is "bgbb" or "sbg")
        {
            problems.Add($"--spend needs monetary values; it cannot be used with --model {r.Model}");
        }

        if (r.Predictions is not null && r.Horizon is null)
        {
            problems.Add("--predictions needs --horizon");
        }

        if (r.Predictions is not null && r.Model == "sbg")
        {
            problems.Add("--predictions is not available for --model sbg (a cohort model has no per-customer predictions)");
        }

        CheckModelFiles(r, problems);
        if (problems.Count > 0)
        {
            throw new UserInputException(string.Join("; ", problems) + ".");
        }
    }

    private static void CheckModelFiles(ClvRequest r, List<string> problems)
    {
        if (r.LoadModel is not null && r.SaveModel is not null)
        {
            problems.Add("--load-model uses a saved model; --save-model would only copy it");
        }

        if (r.SaveSpendModel is not null && r.Spend is null)
        {
            problems.Add("--save-spend-model needs --spend gammagamma");
        }

        if (r.LoadSpendModel is not null && r.SaveSpendModel is not null)
        {
            problems.Add("--load-spend-model uses a saved model; --save-spend-model would only copy it");
        }

        if (r.LoadSpendModel is not null && r.Model is "bgbb" or "sbg")
        {
            problems.Add($"--load-spend-model cannot be used with --model {r.Model}");
        }
    }

    /// <summary>The saved model from <c>--load-model</c>, or a fitted one; saved to <c>--save-model</c> when given.</summary>
    private static T FitOrLoad<T>(FileInfo? load, FileInfo? save, string option, Func<Stream, T> read, Func<T> fit, Func<T, Action<Stream>> write)
    {
        var model = load is not null ? ModelFileOptions.Read(load, $"option --load-{option}", read) : fit();
        if (save is not null)
        {
            ModelFileOptions.Write(save, $"option --save-{option}", write(model));
        }

        return model;
    }

    /// <summary>The fit report the output shows; a model file written without one (parameters given by hand) has none.</summary>
    private static FitReport ReportOf(FitReport? report, FileInfo? file) =>
        report ?? throw new UserInputException($"{file?.FullName}: the model file holds no fit report (it was not produced by a fit).");

    private static FitSummary FitSbg(ClvRequest request, FitOptions options)
    {
        var survivors = SummaryReader.ReadSurvivors(request.SummaryFile);
        var m = FitOrLoad(
            request.LoadModel, request.SaveModel, "model", ShiftedBetaGeometricModel.Load,
            () => new ShiftedBetaGeometricFitter(options).Fit(survivors), m => m.Save);
        return new FitSummary("sbg", (int)survivors[0], m.Parameters, ReportOf(m.Report, request.LoadModel));
    }

    private static int FitDiscrete(ClvRequest request, FitOptions options, TextWriter stdout, TextWriter stderr)
    {
        var patterns = SummaryReader.ReadDiscrete(request.SummaryFile);
        var model = FitOrLoad(
            request.LoadModel, request.SaveModel, "model", BetaGeometricBetaBinomialModel.Load,
            () => new BetaGeometricBetaBinomialFitter(options).Fit(patterns), m => m.Save);
        if (request.Predictions is not null)
        {
            var horizon = request.Horizon!.Value;
            if (horizon < 0 || horizon != Math.Floor(horizon))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--horizon ({horizon}) must be a whole number of periods ≥ 0 for --model bgbb."));
            }

            WritePredictions(request.Predictions, patterns.Select((p, i) =>
                ((i + 1).ToString(CultureInfo.InvariantCulture), model.ProbabilityAlive(p), model.ExpectedPurchases(p, (int)horizon), (double?)null, (double?)null)));
        }

        return Report(request, new FitSummary("bgbb", (int)Math.Round(patterns.Sum(p => p.Weight)), model.Parameters, ReportOf(model.Report, request.LoadModel)), null, stdout, stderr);
    }

    private static int FitContinuous(ClvRequest request, FitOptions options, TextWriter stdout, TextWriter stderr)
    {
        // From a summary file, or summarised here from a transaction log in the requested time unit.
        var customers = request.Transactions is { } log ? log.Summarize(request.Unit).Summaries : SummaryReader.ReadCustomers(request.SummaryFile);
        FileInfo? load = request.LoadModel, save = request.SaveModel;
        IClvModel model = request.Model switch
        {
            "bgnbd" => FitOrLoad(load, save, "model", BgNbdModel.Load, () => new BgNbdFitter(options).FitModel(customers), m => m.Save),
            "mbgnbd" => FitOrLoad(load, save, "model", ModifiedBgNbdModel.Load, () => new ModifiedBgNbdFitter(options).FitModel(customers), m => m.Save),
            _ => FitOrLoad(load, save, "model", ParetoNbdModel.Load, () => new ParetoNbdFitter(options).FitModel(customers), m => m.Save),
        };

        GammaGammaModel? spend = null;
        if (request.Spend is not null || request.LoadSpendModel is not null)
        {
            if (request.Transactions is null && !SummaryReader.HasMonetary(request.SummaryFile))
            {
                throw new UserInputException($"{request.SummaryFile}: --spend gammagamma needs a 'monetary_value' (or 'zbar') column.");
            }

            spend = FitOrLoad(
                request.LoadSpendModel, request.SaveSpendModel, "spend-model", GammaGammaModel.Load,
                () => new GammaGammaFitter(options).Fit(customers), m => m.Save);
            _ = ReportOf(spend.Report, request.LoadSpendModel);
        }

        if (request.Predictions is not null)
        {
            var clvOptions = new ClvOptions
            {
                Horizon = request.Horizon!.Value,
                MonthlyDiscountRate = request.DiscountRate,
                UnitsPerMonth = ClvOptions.UnitsPerMonthFor(request.Unit),
            };
            clvOptions.Validate();
            if (spend is not null)
            {
                var estimates = new ClvCalculator(model, spend, clvOptions).EstimateAll(customers);
                WritePredictions(request.Predictions, estimates.Select(e => (e.CustomerId.Value, e.ProbabilityAlive, e.ExpectedPurchases, (double?)e.ExpectedAverageSpend, (double?)e.Clv)));
            }
            else
            {
                var batch = BatchPrediction.Predict(model, customers, clvOptions.Horizon);
                WritePredictions(request.Predictions, customers.Select((c, i) => (c.CustomerId.Value, batch.ProbabilityAlive[i], batch.ExpectedPurchases[i], (double?)null, (double?)null)));
            }
        }

        var report = model switch
        {
            BgNbdModel m => m.Report,
            ModifiedBgNbdModel m => m.Report,
            ParetoNbdModel m => m.Report,
            _ => null,
        };
        return Report(request, new FitSummary(model.Name, customers.Count, model.Parameters, ReportOf(report, request.LoadModel)), spend, stdout, stderr);
    }

    private static void WritePredictions(string path, IEnumerable<(string Id, double PAlive, double Purchases, double? Spend, double? Clv)> rows)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("customer_id,p_alive,expected_purchases,expected_spend,clv");
        foreach (var r in rows)
        {
            writer.WriteLine(string.Join(",", r.Id, Number(r.PAlive), Number(r.Purchases), r.Spend is { } s ? Number(s) : "", r.Clv is { } v ? Number(v) : ""));
        }
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static int Report(ClvRequest request, FitSummary fit, GammaGammaModel? spend, TextWriter stdout, TextWriter stderr)
    {
        var r = fit.Report;
        bool converged = r.Converged && (spend?.Report?.Converged ?? true);
        if (request.Json)
        {
            CliJson.Write(stdout, new
            {
                model = fit.Model,
                customers = fit.Customers,
                parameters = fit.Parameters,
                logLikelihood = r.LogLikelihood,
                standardErrors = r.StandardErrors,
                converged = r.Converged,
                iterations = r.Iterations,
                gradientNorm = r.GradientNorm,
                fitSeconds = r.FitSeconds,
                message = r.Message,
                spend = spend is null ? null : new
                {
                    model = GammaGammaModel.ModelName,
                    parameters = spend.Parameters,
                    logLikelihood = spend.LogLikelihood,
                    standardErrors = spend.Report!.StandardErrors,
                    converged = spend.Report.Converged,
                },
            });
        }
        else
        {
            stdout.WriteLine($"model {fit.Model} on {fit.Customers} customers: {(r.Converged ? "converged" : "NOT converged")} in {r.Iterations} iterations ({r.FitSeconds:F3} s), log-likelihood {r.LogLikelihood:F4}");
            foreach (var (name, value) in fit.Parameters)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-6} {value,12:G6}  (SE {r.StandardErrors[name]:G4})"));
            }

            if (spend is not null)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"spend gammagamma: log-likelihood {spend.LogLikelihood:F4}"));
                foreach (var (name, value) in spend.Parameters)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-6} {value,12:G6}  (SE {spend.Report!.StandardErrors[name]:G4})"));
                }
            }
        }

        if (!converged)
        {
            stderr.WriteLine($"error: the fit did not converge: {r.Message} {spend?.Report?.Message}".TrimEnd());
            return CliRunner.Failure;
        }

        return CliRunner.Success;
    }

    private sealed record FitSummary(string Model, int Customers, IReadOnlyDictionary<string, double> Parameters, FitReport Report);
}
