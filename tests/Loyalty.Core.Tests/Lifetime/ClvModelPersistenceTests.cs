using Loyalty.Core.Lifetime;
using Loyalty.Core.Tests.Persistence;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class ClvModelPersistenceTests
{
    private static T RoundTrip<T>(Action<Stream> save, Func<Stream, T> load) => load(new MemoryStream(SavedModels.Save(save)));

    public static TheoryData<string> PurchaseModels => ["bgnbd", "mbgnbd", "paretonbd", "bgbb"];

    private static (IClvModel Model, IClvModel Loaded) Pair(string name) => name switch
    {
        "bgnbd" => (SavedModels.BgNbd.Value, RoundTrip(SavedModels.BgNbd.Value.Save, BgNbdModel.Load)),
        "mbgnbd" => (SavedModels.ModifiedBgNbd.Value, RoundTrip(SavedModels.ModifiedBgNbd.Value.Save, ModifiedBgNbdModel.Load)),
        "paretonbd" => (SavedModels.ParetoNbd.Value, RoundTrip(SavedModels.ParetoNbd.Value.Save, ParetoNbdModel.Load)),
        _ => (SavedModels.Bgbb.Value, RoundTrip(SavedModels.Bgbb.Value.Save, BetaGeometricBetaBinomialModel.Load)),
    };

    [Theory]
    [MemberData(nameof(PurchaseModels))]
    public void SaveLoad_PurchaseModel_SameParametersReportAndPredictions(string name)
    {
        var (model, loaded) = Pair(name);
        Assert.Equal(model.Name, loaded.Name);
        Assert.Equal(model.Parameters, loaded.Parameters);
        Assert.Equal(model.LogLikelihood, loaded.LogLikelihood);
        var report = ModelFactory.ReportOf(model)!;
        var back = ModelFactory.ReportOf(loaded)!;
        Assert.Equal(report.StandardErrors, back.StandardErrors);
        Assert.Equal(report.LogParameterCovariance, back.LogParameterCovariance);
        Assert.Equal((report.Converged, report.Iterations, report.Observations, report.Patterns, report.Message),
            (back.Converged, back.Iterations, back.Observations, back.Patterns, back.Message));
        var customer = new CustomerSummary(new CustomerId("c"), 3, 5, 6, 0); // whole periods, which BG/BB needs
        Assert.Equal(model.ProbabilityAlive(customer), loaded.ProbabilityAlive(customer));
        Assert.Equal(model.ExpectedPurchases(customer, 12), loaded.ExpectedPurchases(customer, 12));
    }

    [Fact]
    public void SaveLoad_GammaGamma_SameParametersAndSpend()
    {
        var model = SavedModels.GammaGamma.Value;
        var loaded = RoundTrip(model.Save, GammaGammaModel.Load);
        Assert.Equal(model.Parameters, loaded.Parameters);
        Assert.Equal(model.LogLikelihood, loaded.LogLikelihood);
        Assert.Equal(model.ExpectedAverageSpend(4, 35.5), loaded.ExpectedAverageSpend(4, 35.5));
    }

    [Fact]
    public void SaveLoad_ShiftedBetaGeometric_SameSurvival()
    {
        var model = SavedModels.Sbg.Value;
        var loaded = RoundTrip(model.Save, ShiftedBetaGeometricModel.Load);
        Assert.Equal(model.Parameters, loaded.Parameters);
        Assert.All(Enumerable.Range(1, 12), t => Assert.Equal(model.Survival(t), loaded.Survival(t)));
    }

    [Fact]
    public void SaveLoad_ModelWithoutReport_LoadsWithoutReport()
    {
        var model = new ParetoNbdModel(0.55, 10.6, 0.61, 11.7);
        var loaded = RoundTrip(model.Save, ParetoNbdModel.Load);
        Assert.Null(loaded.Report);
        Assert.Equal(model.Parameters, loaded.Parameters);
    }

    [Fact]
    public void Load_NonPositiveParameter_ThrowsNamingIt()
    {
        byte[] bytes = SavedModels.Save(new BgNbdModel(0.24, 4.4, 0.79, 2.4).Save);

        // After the version: the names (length + four strings), the values' length, then r, alpha, a, b.
        int names = 4 + "\u0001r\u0005alpha\u0001a\u0001b".Length;
        int alphaAt = SavedModels.VersionOffset(bytes) + 4 + names + 4 + 8;
        Assert.Equal(4.4, BitConverter.ToDouble(bytes, alphaAt));
        BitConverter.GetBytes(-4.4).CopyTo(bytes, alphaAt);
        var ex = Assert.Throws<InvalidDataException>(() => BgNbdModel.Load(new MemoryStream(bytes)));
        Assert.Contains("parameters.alpha is -4.4; it must be greater than 0", ex.Message, StringComparison.Ordinal);
    }
}
