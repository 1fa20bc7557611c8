using Loyalty.Core.Segmentation;
using Loyalty.Core.Tests.Persistence;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class DbscanModelPersistenceTests
{
    [Fact]
    public void SaveLoad_RoundTrip_AssignsIdentically()
    {
        var model = SavedModels.Dbscan();
        var loaded = DbscanModel.Load(new MemoryStream(SavedModels.Save(model.Save)));

        Assert.Equal((model.Dimensions, model.ClusterCount, model.NoiseCount, model.Eps), (loaded.Dimensions, loaded.ClusterCount, loaded.NoiseCount, loaded.Eps));
        Assert.Equal(model.Labels, loaded.Labels);
        Assert.Equal(model.CoreRows, loaded.CoreRows);
        Assert.Equal((2, 1), (model.ClusterCount, model.NoiseCount));

        // Probes across both clusters, the gaps and the outlier's neighbourhood.
        var probes = new FeatureMatrix([.. Enumerable.Range(0, 400).SelectMany(i => new[] { (i % 40 * 0.3f) - 0.5f, (i / 40 * 0.6f) - 0.5f })], 400, 2);
        for (int i = 0; i < probes.Rows; i++)
        {
            Assert.Equal(model.Predict(probes.Row(i)), loaded.Predict(probes.Row(i)));
        }
    }

    [Fact]
    public void Load_NegativeEps_ThrowsNamingEps()
    {
        byte[] bytes = SavedModels.Save(SavedModels.Dbscan().Save);
        BitConverter.GetBytes(-1.0).CopyTo(bytes, SavedModels.VersionOffset(bytes) + 4);
        var ex = Assert.Throws<InvalidDataException>(() => DbscanModel.Load(new MemoryStream(bytes)));
        Assert.Contains("eps is -1; it must be greater than 0", ex.Message, StringComparison.Ordinal);
    }
}
