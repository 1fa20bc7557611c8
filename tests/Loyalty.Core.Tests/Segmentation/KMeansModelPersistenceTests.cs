using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Segmentation;
using Loyalty.Core.Tests.Persistence;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class KMeansModelPersistenceTests
{
    private static KMeansModel RoundTrip(KMeansModel model) =>
        KMeansModel.Load(new MemoryStream(SavedModels.Save(model.Save)));

    [Theory]
    [InlineData(ScalingMethod.None)]
    [InlineData(ScalingMethod.ZScore)]
    [InlineData(ScalingMethod.Log1pZScore)]
    [InlineData(ScalingMethod.MinMax)]
    public void SaveLoad_RoundTrip_AssignsAndTransformsBitwiseIdentically(ScalingMethod standardization)
    {
        var features = SyntheticData.Blobs(600, 5, 6, std: 1.5, seed: 21).Features;
        var positive = new FeatureMatrix(features.Data.ToArray().Select(Math.Abs).ToArray(), features.Rows, features.Columns);
        var model = new KMeans(new KMeansOptions { K = 6, Seed = 4, Standardization = standardization }).Fit(positive);
        var loaded = RoundTrip(model);

        Assert.Equal(model.Predict(positive), loaded.Predict(positive));
        Assert.Equal(model.Centroids.Data.ToArray(), loaded.Centroids.Data.ToArray());
        Assert.Equal(model.ClusteringCentroids.Data.ToArray(), loaded.ClusteringCentroids.Data.ToArray());
        Assert.Equal(model.Labels, loaded.Labels);
        Assert.Equal(model.Sizes, loaded.Sizes);
        Assert.Equal((model.Algorithm, model.Inertia, model.Iterations, model.Converged), (loaded.Algorithm, loaded.Inertia, loaded.Iterations, loaded.Converged));
        Assert.Equal((model.InitSeconds, model.FitSeconds), (loaded.InitSeconds, loaded.FitSeconds));
        var expected = new double[model.K];
        var actual = new double[model.K];
        for (int i = 0; i < positive.Rows; i += 37)
        {
            model.Transform(positive.Row(i), expected);
            loaded.Transform(positive.Row(i), actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Load_LabelOutsideK_ThrowsNamingTheLabel()
    {
        var model = SavedModels.KMeans();
        byte[] bytes = SavedModels.Save(model.Save);

        // After the version: algorithm, k, dimensions, the centroids, the standardisation mode, means and scales
        // (log-zscore, so d each), then the labels' length.
        int k = model.K, d = model.Dimensions;
        int at = SavedModels.VersionOffset(bytes) + 4 + 12 + 4 + (4 * k * d) + 4 + (2 * (4 + (8 * d))) + 4;
        Assert.Equal(model.Labels.Count, BitConverter.ToInt32(bytes, at - 4));
        BitConverter.GetBytes(model.K).CopyTo(bytes, at);
        var ex = Assert.Throws<InvalidDataException>(() => KMeansModel.Load(new MemoryStream(bytes)));
        Assert.Contains($"labels[0] is {model.K}; it must be between 0 and {model.K - 1}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NaNCentroid_ThrowsNamingTheCentroid()
    {
        var model = SavedModels.KMeans();
        byte[] bytes = SavedModels.Save(model.Save);
        int at = SavedModels.VersionOffset(bytes) + 4 + 12 + 4;
        Assert.Equal(model.K * model.Dimensions, BitConverter.ToInt32(bytes, at - 4));
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, at);
        var ex = Assert.Throws<InvalidDataException>(() => KMeansModel.Load(new MemoryStream(bytes)));
        Assert.Contains("centroids[0] is NaN; it must be finite", ex.Message, StringComparison.Ordinal);
    }
}
