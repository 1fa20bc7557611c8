using Loyalty.Core.Feedback.Uplift;
using Loyalty.Core.Tests.Persistence;

namespace Loyalty.Core.Tests.Feedback.Uplift;

public sealed class TwoModelUpliftPersistenceTests
{
    [Fact]
    public void SaveLoad_RoundTrip_PredictsBitwiseIdentically()
    {
        var model = SavedModels.Uplift();
        var loaded = TwoModelUplift.Load(new MemoryStream(SavedModels.Save(model.Save)));

        Assert.Equal(model.TreatedMean, loaded.TreatedMean);
        Assert.Equal(model.ControlMean, loaded.ControlMean);
        foreach (string stratum in Enumerable.Range(0, 9).Select(i => $"s{i}"))
        {
            Assert.Equal(model.PredictTreated(stratum), loaded.PredictTreated(stratum));
            Assert.Equal(model.PredictControl(stratum), loaded.PredictControl(stratum));
            Assert.Equal(model.Predict(stratum), loaded.Predict(stratum));
        }
    }

    [Fact]
    public void Load_RepeatedStratum_ThrowsNamingIt()
    {
        var model = TwoModelUplift.Fit([new("a", true, 1), new("b", true, 2), new("a", false, 0)], priorStrength: 0);
        byte[] bytes = SavedModels.Save(model.Save);

        // Treated strata "a" and "b" are written as length-prefixed one-byte strings: make the second one "a" too.
        int at = SavedModels.VersionOffset(bytes) + 4 + 16 + 4 + 2 + 1;
        Assert.Equal((byte)'b', bytes[at]);
        bytes[at] = (byte)'a';
        var ex = Assert.Throws<InvalidDataException>(() => TwoModelUplift.Load(new MemoryStream(bytes)));
        Assert.Contains("treated.strata[1] repeats the stratum 'a'", ex.Message, StringComparison.Ordinal);
    }
}
