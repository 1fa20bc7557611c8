using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class BatchPredictionTests
{
    [Fact]
    public void Predict_CompressedBase_EqualsPerCustomerPredictionsInInputOrder()
    {
        var truth = new BgNbdModel(0.25, 4.0, 0.8, 2.5);
        var customers = CustomerSimulator.Simulate(truth, new SimulationSettings(300_000, 1, 52, Resolution: 1.0 / 7, Seed: 5));
        var compressed = CustomerBase.From(customers);
        Assert.True(compressed.PatternCount < customers.Length / 2);
        var model = new BgNbdFitter().FitModel(compressed);
        var batch = BatchPrediction.Predict(model, compressed, 26);
        foreach (int i in new[] { 0, 1, 17, 123_456, 299_999 })
        {
            Assert.Equal(model.ProbabilityAlive(customers[i]), batch.ProbabilityAlive[i]);
            Assert.Equal(model.ExpectedPurchases(customers[i], 26), batch.ExpectedPurchases[i]);
        }

        Assert.Equal(model.Parameters, new BgNbdFitter().FitModel(customers).Parameters);
    }
}
