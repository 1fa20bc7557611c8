using System.CommandLine;
using System.Globalization;
using Loyalty.Cli.Datasets;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core.Feedback.Uplift;

namespace Loyalty.Cli.Commands;

/// <summary><c>loyalty uplift</c>: treatment-versus-control effect on an outcome, with a confidence interval and,
/// given covariate columns, the Qini coefficient and AUUC of a cross-fitted two-model uplift model.</summary>
internal static class UpliftCommand
{
    internal static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "Experiment CSV with a header row (or dataset:hillstrom/hillstrom.csv).", Required = true, CustomParser = DatasetPath.ParseFile };
        var treatmentColumn = new Option<string>("--treatment-column") { Description = "Column holding the group label.", Required = true };
        var treatment = new Option<string>("--treatment") { Description = "Label of the treated group.", Required = true };
        var control = new Option<string>("--control") { Description = "Label of the control group.", Required = true };
        var outcomeColumn = new Option<string>("--outcome-column") { Description = "Numeric outcome column (0/1 or amounts).", Required = true };
        var featureColumns = new Option<string?>("--feature-columns") { Description = "Comma-separated covariate columns: adds Qini and AUUC of a two-model uplift model." };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of the interval.", DefaultValueFactory = _ => 0.95 };
        var json = CommonOptions.Json();
        var saveModel = ModelFileOptions.Save("two-model uplift model (fitted on all units; needs --feature-columns)");
        var loadModel = ModelFileOptions.Load("two-model uplift model: Qini and AUUC then score the input with it instead of cross-fitting (needs --feature-columns)");
        var command = new Command("uplift", "Uplift of a treatment over a control group, with a confidence interval (and Qini/AUUC given covariates).")
        {
            input, treatmentColumn, treatment, control, outcomeColumn, featureColumns, confidence, json, saveModel, loadModel,
        };

        command.SetAction(parse =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                throw new UserInputException($"--input: file '{file.FullName}' does not exist.");
            }

            double level = parse.GetValue(confidence);
            if (!(level is > 0 and < 1))
            {
                throw new UserInputException($"--confidence: must be between 0 and 1 (was {level.ToString(CultureInfo.InvariantCulture)}).");
            }

            string[] features = parse.GetValue(featureColumns) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            FileInfo? save = parse.GetValue(saveModel), load = parse.GetValue(loadModel);
            if ((save is not null || load is not null) && features.Length == 0)
            {
                throw new UserInputException("--save-model and --load-model need --feature-columns (the model's strata come from them).");
            }

            if (save is not null && load is not null)
            {
                throw new UserInputException("--load-model scores with a saved model; --save-model would only copy it.");
            }

            var table = ExperimentTable.ReadCsv(file.FullName, parse.GetValue(treatmentColumn)!, parse.GetValue(outcomeColumn)!, features);
            string treated = parse.GetValue(treatment)!;
            string controlLabel = parse.GetValue(control)!;
            var effect = table.Compare(treated, controlLabel, level);
            UpliftCurveResult? curve = null;
            if (features.Length > 0)
            {
                var units = table.Subset(treated, controlLabel);
                double[] scores = load is null ? TwoModelUplift.CrossFitScores(units) : Score(load, units);
                curve = UpliftCurve.Evaluate(scores, units);
                if (save is not null)
                {
                    ModelFileOptions.Write(save, "--save-model", TwoModelUplift.Fit(units).Save);
                }
            }

            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                CliJson.Write(stdout, new
                {
                    treated = effect.Treated,
                    control = effect.Control,
                    treatedRate = effect.TreatedMean,
                    controlRate = effect.ControlMean,
                    uplift = effect.Uplift,
                    ciLow = effect.CiLow,
                    ciHigh = effect.CiHigh,
                    qini = curve?.Qini,
                    auuc = curve?.Auuc,
                });
            }
            else
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{treated}: {effect.Treated} units, mean {effect.TreatedMean:0.000000}; {controlLabel}: {effect.Control} units, mean {effect.ControlMean:0.000000}"));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"uplift {effect.Uplift:+0.000000;-0.000000} ({level:P0} CI {effect.CiLow:0.000000} to {effect.CiHigh:0.000000})"));
                if (curve is not null)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"two-model uplift on {string.Join(", ", features)}: Qini {curve.Qini:0.000000}, AUUC {curve.Auuc:0.000000} (random {curve.RandomAuuc:0.000000})"));
                }
            }

            return CliRunner.Success;
        });
        return command;
    }

    /// <summary>Uplift scores of <paramref name="units"/> from the saved model in <paramref name="file"/>.</summary>
    private static double[] Score(FileInfo file, IReadOnlyList<UpliftObservation> units)
    {
        var model = ModelFileOptions.Read(file, "--load-model", TwoModelUplift.Load);
        return [.. units.Select(u => model.Predict(u.Stratum))];
    }
}
