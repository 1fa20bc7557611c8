using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Tests.Persistence;

namespace Loyalty.Core.Tests.Features.Scaling;

public sealed class FeatureScalerPersistenceTests
{
    [Theory]
    [InlineData(ScalingMethod.ZScore)]
    [InlineData(ScalingMethod.Log1pZScore)]
    [InlineData(ScalingMethod.MinMax)]
    public void SaveLoad_RoundTrip_TransformsBitwiseIdentically(ScalingMethod method)
    {
        var data = new FeatureMatrix([1f, 5f, 2f, 5f, 3f, 5f, 10f, 5f], 4, 2);
        var scaler = FeatureScaler.Fit(data, method);
        var loaded = FeatureScaler.Load(new MemoryStream(SavedModels.Save(scaler.Save)));

        Assert.Equal(scaler.Method, loaded.Method);
        Assert.Equal(scaler.Offsets, loaded.Offsets);
        Assert.Equal(scaler.Scales, loaded.Scales);
        Assert.Equal([1], loaded.ConstantColumns);
        Assert.Equal(scaler.Transform(data).Data.ToArray(), loaded.Transform(data).Data.ToArray());
        var scaled = scaler.Transform(data);
        Assert.Equal(scaler.InverseTransform(scaled).Data.ToArray(), loaded.InverseTransform(scaled).Data.ToArray());
    }

    [Fact]
    public void Load_ZeroScale_ThrowsNamingTheColumn()
    {
        var scaler = FeatureScaler.Fit(new FeatureMatrix([1f, 2f, 3f, 4f], 2, 2), ScalingMethod.ZScore);
        byte[] bytes = SavedModels.Save(scaler.Save);

        // After the version: the method, the offsets (length + 2 doubles), the scales' length, then scales[0].
        int at = SavedModels.VersionOffset(bytes) + 4 + 4 + 4 + 16 + 4;
        BitConverter.GetBytes(0.0).CopyTo(bytes, at);
        var ex = Assert.Throws<InvalidDataException>(() => FeatureScaler.Load(new MemoryStream(bytes)));
        Assert.Contains("scales[0] is 0; it must be greater than 0", ex.Message, StringComparison.Ordinal);
    }
}
