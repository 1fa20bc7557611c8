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

        var fit = new Command("fit", "Fit a CLV model by maximum likelihood and optionally write predictions.")
        {
            summary, model, spend, penalizer, predictions, horizon, discount, timeUnit, maxIterations, json,
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
                transactions.Read(parse));
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

        if (problems.Count > 0)
        {
            throw new UserInputException(string.Join("; ", problems) + ".");
        }
    }

    private static FitSummary FitSbg(ClvRequest request, FitOptions options)
    {
        var survivors = SummaryReader.ReadSurvivors(request.SummaryFile);
        var m = new ShiftedBetaGeometricFitter(options).Fit(survivors);
        return new FitSummary("sbg", (int)survivors[0], m.Parameters, m.Report!);
    }

    private static int FitDiscrete(ClvRequest request, FitOptions options, TextWriter stdout, TextWriter stderr)
    {
        var patterns = SummaryReader.ReadDiscrete(request.SummaryFile);
        var model = new BetaGeometricBetaBinomialFitter(options).Fit(patterns);
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

        return Report(request, new FitSummary("bgbb", (int)Math.Round(patterns.Sum(p => p.Weight)), model.Parameters, model.Report!), null, stdout, stderr);
    }

    private static int FitContinuous(ClvRequest request, FitOptions options, TextWriter stdout, TextWriter stderr)
    {
        // From a summary file, or summarised here from a transaction log in the requested time unit.
        var customers = request.Transactions is { } log ? log.Summarize(request.Unit).Summaries : SummaryReader.ReadCustomers(request.SummaryFile);
        IClvModel model = request.Model switch
        {
            "bgnbd" => new BgNbdFitter(options).FitModel(customers),
            "mbgnbd" => new ModifiedBgNbdFitter(options).FitModel(customers),
            _ => new ParetoNbdFitter(options).FitModel(customers),
        };

        GammaGammaModel? spend = null;
        if (request.Spend is not null)
        {
            if (request.Transactions is null && !SummaryReader.HasMonetary(request.SummaryFile))
            {
                throw new UserInputException($"{request.SummaryFile}: --spend gammagamma needs a 'monetary_value' (or 'zbar') column.");
            }

            spend = new GammaGammaFitter(options).Fit(customers);
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
        return Report(request, new FitSummary(model.Name, customers.Count, model.Parameters, report!), spend, stdout, stderr);
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
