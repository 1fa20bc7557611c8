using Loyalty.Core.Persistence;

namespace Loyalty.Core.Lifetime;

/// <summary>The format shared by the fitted lifetime-value models, one format name per model
/// (<c>loyalty.bgnbd</c>, <c>loyalty.mbgnbd</c>, <c>loyalty.paretonbd</c>, <c>loyalty.bgbb</c>,
/// <c>loyalty.gammagamma</c>, <c>loyalty.sbg</c>): the parameter names and values, then the fit report when there is
/// one. Names are stored so a file can never feed one model's parameters to another in the wrong order.</summary>
internal static class ClvModelFile
{
    internal const int Version = 1;

    internal static string FormatOf(string modelName) => "loyalty." + modelName;

    internal static void Write(
        Stream stream, string modelName, IReadOnlyList<string> names, IReadOnlyDictionary<string, double> parameters, FitReport? report) =>
        ModelFileWriter.Write(stream, FormatOf(modelName), Version, w =>
        {
            w.Write(names);
            w.Write(names.Select(n => parameters[n]).ToArray());
            w.Write(report is not null);
            if (report is not null)
            {
                WriteReport(w, names, report);
            }
        });

    /// <summary>Reads the parameters (in <paramref name="names"/> order) and the report, then builds the model;
    /// the model's own checks (positive, finite parameters) become <see cref="InvalidDataException"/>s.</summary>
    internal static TModel Read<TModel>(
        Stream stream, string modelName, IReadOnlyList<string> names, Func<double[], FitReport?, TModel> create) =>
        ModelFileReader.Read(stream, FormatOf(modelName), Version, r =>
        {
            string[] found = r.ReadStrings("parameterNames", names.Count);
            for (int i = 0; i < names.Count; i++)
            {
                if (!string.Equals(found[i], names[i], StringComparison.Ordinal))
                {
                    throw r.Invalid($"parameterNames[{i}]", $"is {ModelFileText.Excerpt(found[i])}; {modelName} expects '{names[i]}'");
                }
            }

            double[] values = r.ReadDoubles("parameters", names.Count);
            for (int i = 0; i < values.Length; i++)
            {
                if (!(values[i] > 0))
                {
                    throw r.Invalid($"parameters.{names[i]}", $"is {ModelFileReader.Show(values[i])}; it must be greater than 0");
                }
            }

            var report = r.ReadBoolean("hasReport") ? ReadReport(r, names) : null;
            return create(values, report);
        });

    private static void WriteReport(ModelFileWriter w, IReadOnlyList<string> names, FitReport report)
    {
        w.Write(report.Converged);
        w.Write(report.Iterations);
        w.Write(report.GradientNorm);
        w.Write(report.LogLikelihood);
        w.Write(names.Select(n => report.StandardErrors.GetValueOrDefault(n, double.NaN)).ToArray());
        w.Write(report.Observations);
        w.Write(report.Patterns);
        w.Write(report.FitSeconds);
        w.Write(report.Message);
        w.Write(report.LogParameterCovariance.ToArray());
    }

    private static FitReport ReadReport(ModelFileReader r, IReadOnlyList<string> names)
    {
        bool converged = r.ReadBoolean("report.converged");
        int iterations = r.ReadInt32("report.iterations", 0, int.MaxValue);
        double gradientNorm = r.ReadAnyDouble("report.gradientNorm");
        double logLikelihood = r.ReadAnyDouble("report.logLikelihood");
        double[] errors = r.ReadDoubles("report.standardErrors", names.Count, allowNonFinite: true);
        double observations = r.ReadNonNegative("report.observations");
        int patterns = r.ReadInt32("report.patterns", 0, int.MaxValue);
        double fitSeconds = r.ReadNonNegative("report.fitSeconds");
        string message = r.ReadString("report.message");
        double[] covariance = r.ReadDoubles("report.logParameterCovariance", allowNonFinite: true);
        if (covariance.Length != 0 && covariance.Length != names.Count * names.Count)
        {
            throw r.Invalid("report.logParameterCovariance", $"has {covariance.Length} values; expected 0 or {names.Count * names.Count}");
        }

        var standardErrors = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            standardErrors[names[i]] = errors[i];
        }

        return new FitReport(converged, iterations, gradientNorm, logLikelihood, standardErrors, observations, patterns, fitSeconds, message)
        {
            LogParameterCovariance = covariance,
        };
    }
}
