using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Core.Lifetime;

/// <summary>
/// Saves and loads fitted models as JSON: <c>{"version":1,"model":"bgnbd","parameters":{...},"report":{...}}</c>.
/// The version field lets later releases read older files (and refuse newer ones clearly).
/// </summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class ClvModelJson
{
    /// <summary>The format version written by this release.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serialises a purchase model (bgnbd, mbgnbd, paretonbd, bgbb).</summary>
    /// <param name="model">The model.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(IClvModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Write(model.Name, model.Parameters, ModelFactory.ReportOf(model));
    }

    /// <summary>Serialises a Gamma-Gamma spend model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(GammaGammaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Write(GammaGammaModel.ModelName, model.Parameters, model.Report);
    }

    /// <summary>Loads a purchase model.</summary>
    /// <param name="json">Text written by <see cref="Serialize(IClvModel)"/>.</param>
    /// <returns>The model, identical in parameters and report.</returns>
    /// <exception cref="FormatException">Malformed JSON, an unknown version or model, or missing parameters.</exception>
    public static IClvModel DeserializePurchaseModel(string json)
    {
        var (document, parameters) = Read(json);
        return ModelFactory.Purchase(document.Model, parameters, document.Report);
    }

    /// <summary>Loads a Gamma-Gamma spend model.</summary>
    /// <param name="json">Text written by <see cref="Serialize(GammaGammaModel)"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FormatException">Malformed JSON, an unknown version, another model, or missing parameters.</exception>
    public static GammaGammaModel DeserializeSpendModel(string json)
    {
        var (document, p) = Read(json);
        return document.Model == GammaGammaModel.ModelName
            ? new GammaGammaModel(p[0], p[1], p[2], document.Report)
            : throw new FormatException($"Expected a gammagamma model, found '{document.Model}'.");
    }

    private static string Write(string model, IReadOnlyDictionary<string, double> parameters, FitReport? report) =>
        JsonSerializer.Serialize(new Document(FormatVersion, model, new Dictionary<string, double>(parameters), report), Options);

    private static (Document Document, double[] Parameters) Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a model file: {ex.Message}", ex);
        }

        if (document is null || document.Model is null || document.Parameters is null)
        {
            throw new FormatException("Not a model file: 'model' and 'parameters' are required.");
        }

        if (document.Version != FormatVersion)
        {
            throw new FormatException($"Model file version {document.Version} is not supported (this release reads version {FormatVersion}).");
        }

        IReadOnlyList<string> names;
        try
        {
            names = ModelFactory.ParameterNames(document.Model);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        var missing = names.Where(n => !document.Parameters.ContainsKey(n)).ToList();
        return missing.Count > 0
            ? throw new FormatException($"Model file for '{document.Model}' lacks parameters: {string.Join(", ", missing)}.")
            : (document, names.Select(n => document.Parameters[n]).ToArray());
    }

    private sealed record Document(int Version, string Model, Dictionary<string, double> Parameters, FitReport? Report);
}
