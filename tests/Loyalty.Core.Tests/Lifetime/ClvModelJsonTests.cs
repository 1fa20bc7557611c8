using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class ClvModelJsonTests
{
    [Fact]
    public void Serialize_FittedModel_RoundTripsParametersAndReport()
    {
        var model = new ModifiedBgNbdFitter().FitModel(CdnowData.Customers);
        var back = (ModifiedBgNbdModel)ClvModelJson.DeserializePurchaseModel(ClvModelJson.Serialize(model));
        Assert.Equal(model.Parameters, back.Parameters);
        Assert.Equal(model.LogLikelihood, back.LogLikelihood);
        Assert.Equal(model.Report!.Converged, back.Report!.Converged);
        Assert.Equal(model.Report.LogParameterCovariance, back.Report.LogParameterCovariance);
        var c = CdnowData.Customers[0];
        Assert.Equal(model.ExpectedPurchases(c, 10), back.ExpectedPurchases(c, 10));
    }

    [Fact]
    public void Serialize_WritesVersion() =>
        Assert.Contains("\"version\":1", ClvModelJson.Serialize(new ParetoNbdModel(0.5, 10, 0.6, 11)));

    [Fact]
    public void DeserializePurchaseModel_FutureVersion_ThrowsFormatException()
    {
        string json = ClvModelJson.Serialize(new BgNbdModel(0.2, 4, 0.8, 2.4)).Replace("\"version\":1", "\"version\":99");
        Assert.Contains("version 99", Assert.Throws<FormatException>(() => ClvModelJson.DeserializePurchaseModel(json)).Message);
    }

    [Fact]
    public void DeserializeSpendModel_RoundTrips()
    {
        var m = new GammaGammaModel(6.25, 3.74, 15.44);
        Assert.Equal(m.Parameters, ClvModelJson.DeserializeSpendModel(ClvModelJson.Serialize(m)).Parameters);
    }
}
