using Loyalty.Core.Simulation;

namespace Loyalty.Core.Tests.Simulation;

public sealed class GroundTruthTests
{
    [Fact]
    public void BaseResponse_EverySegment_IsTheDrawnRateUnderEveryReward()
    {
        var truth = new CustomerBaseSimulator(new SimulationOptions { Customers = 100, Rounds = 1, Segments = 5, Rewards = 4, Seed = 3 }).Truth;
        for (int s = 0; s < truth.Segments; s++)
        {
            double baseRate = truth.BaseResponse(s);
            Assert.InRange(baseRate, 0.04, 0.12);
            for (int a = 0; a < truth.Rewards.Count; a++)
            {
                // Every reward adds a lift of 0 to 0.16 to the segment's base rate, so uplift is the lift itself.
                Assert.InRange(truth.Response(s, a) - baseRate, 0, 0.16 + 1e-12);
            }

            Assert.InRange(truth.Response(s, truth.BestReward(s)) - baseRate, 0.10, 0.16 + 1e-12);
        }
    }
}
