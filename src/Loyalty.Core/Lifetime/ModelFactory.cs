namespace Loyalty.Core.Lifetime;

/// <summary>Builds models from a name and parameters: for deserialisation and parameter resampling.</summary>
internal static class ModelFactory
{
    internal static IReadOnlyList<string> ParameterNames(string model) => model switch
    {
        "bgnbd" => BgNbdModel.ParameterNames,
        "mbgnbd" => ModifiedBgNbdModel.ParameterNames,
        "paretonbd" => ParetoNbdModel.ParameterNames,
        "bgbb" => BetaGeometricBetaBinomialModel.ParameterNames,
        "gammagamma" => GammaGammaModel.ParameterNames,
        "sbg" => ShiftedBetaGeometricModel.ParameterNames,
        _ => throw new ArgumentException($"Unknown model '{model}'; expected bgnbd, mbgnbd, paretonbd, bgbb, gammagamma or sbg.", nameof(model)),
    };

    /// <summary>A purchase model with the given parameters (in <see cref="ParameterNames"/> order).</summary>
    internal static IClvModel Purchase(string model, IReadOnlyList<double> p, FitReport? report = null) => model switch
    {
        "bgnbd" => new BgNbdModel(p[0], p[1], p[2], p[3], report),
        "mbgnbd" => new ModifiedBgNbdModel(p[0], p[1], p[2], p[3], report),
        "paretonbd" => new ParetoNbdModel(p[0], p[1], p[2], p[3], report),
        "bgbb" => new BetaGeometricBetaBinomialModel(p[0], p[1], p[2], p[3], report),
        _ => throw new ArgumentException($"'{model}' is not a purchase model; expected bgnbd, mbgnbd, paretonbd or bgbb.", nameof(model)),
    };

    internal static FitReport? ReportOf(object model) => model switch
    {
        BgNbdModel m => m.Report,
        ModifiedBgNbdModel m => m.Report,
        ParetoNbdModel m => m.Report,
        BetaGeometricBetaBinomialModel m => m.Report,
        GammaGammaModel m => m.Report,
        ShiftedBetaGeometricModel m => m.Report,
        _ => null,
    };
}
