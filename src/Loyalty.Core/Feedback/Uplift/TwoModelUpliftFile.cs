using Loyalty.Core.Persistence;

namespace Loyalty.Core.Feedback.Uplift;

/// <summary>The <c>loyalty.uplift</c> format of <see cref="TwoModelUplift"/>: the treated and control means, then each
/// group's strata (ordinal order, so the same model always writes the same bytes) and their predictions.</summary>
internal static class TwoModelUpliftFile
{
    internal const string Format = "loyalty.uplift";
    internal const int Version = 1;

    internal static void Write(TwoModelUplift model, Stream stream) => ModelFileWriter.Write(stream, Format, Version, w =>
    {
        w.Write(model.TreatedMean);
        w.Write(model.ControlMean);
        WriteStrata(w, model.TreatedStrata);
        WriteStrata(w, model.ControlStrata);
    });

    internal static TwoModelUplift Read(Stream stream) => ModelFileReader.Read(stream, Format, Version, r =>
    {
        double treatedMean = r.ReadDouble("treatedMean");
        double controlMean = r.ReadDouble("controlMean");
        var treated = ReadStrata(r, "treated");
        var control = ReadStrata(r, "control");
        return TwoModelUplift.FromParts(treated, control, treatedMean, controlMean);
    });

    private static void WriteStrata(ModelFileWriter w, IReadOnlyDictionary<string, double> strata)
    {
        var keys = strata.Keys.Order(StringComparer.Ordinal).ToArray();
        w.Write(keys);
        w.Write(keys.Select(k => strata[k]).ToArray());
    }

    private static Dictionary<string, double> ReadStrata(ModelFileReader r, string group)
    {
        string[] keys = r.ReadStrings($"{group}.strata");
        double[] values = r.ReadDoubles($"{group}.predictions", keys.Length);
        var strata = new Dictionary<string, double>(keys.Length, StringComparer.Ordinal);
        for (int i = 0; i < keys.Length; i++)
        {
            if (!strata.TryAdd(keys[i], values[i]))
            {
                throw r.Invalid($"{group}.strata[{i}]", $"repeats the stratum {ModelFileText.Excerpt(keys[i])}");
            }
        }

        return strata;
    }
}
