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
        var command = new Command("uplift", "Uplift of a treatment over a control group, with a confidence interval (and Qini/AUUC given covariates).")
        {
            input, treatmentColumn, treatment, control, outcomeColumn, featureColumns, confidence, json,
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
            var table = ExperimentTable.ReadCsv(file.FullName, parse.GetValue(treatmentColumn)!, parse.GetValue(outcomeColumn)!, features);
            string treated = parse.GetValue(treatment)!;
            string controlLabel = parse.GetValue(control)!;
            var effect = table.Compare(treated, controlLabel, level);
            UpliftCurveResult? curve = null;
            if (features.Length > 0)
            {
                var units = table.Subset(treated, controlLabel);
                curve = UpliftCurve.Evaluate(TwoModelUplift.CrossFitScores(units), units);
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
}
