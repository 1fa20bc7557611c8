using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class MiniBatchKMeansTests
{
    [Fact]
    public void Fit_SeparatedBlobs_InertiaCloseToLloyd()
    {
        var (features, _) = SyntheticData.Blobs(20_000, 3, 4, std: 0.5, seed: 3, spread: 15);
        var lloyd = new KMeans(new KMeansOptions { K = 4, NInit = 3, Seed = 1 }).Fit(features);
        var miniBatch = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 4, BatchSize = 512, MaxSteps = 60, Seed = 1 }).Fit(features);
        Assert.True(miniBatch.Inertia <= lloyd.Inertia * 1.05, $"{miniBatch.Inertia} vs {lloyd.Inertia}");
    }

    [Fact]
    public void PartialFit_Stream_CentroidsApproachBlobCentres()
    {
        var (features, _) = SyntheticData.Blobs(8000, 2, 2, std: 0.3, seed: 9, spread: 10);
        var model = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 2, Seed = 4 });
        for (int start = 0; start < features.Rows; start += 1000)
        {
            model.PartialFit(new FeatureMatrix(features.Data.Slice(start * 2, 2000), 1000, 2));
        }

        Assert.Equal(8, model.Steps);
        var snapshot = model.ToModel(features);
        var exact = new KMeans(new KMeansOptions { K = 2, Seed = 4 }).Fit(features);
        Assert.Equal(exact.Inertia, snapshot.Inertia, exact.Inertia * 0.01);
    }

    [Fact]
    public void PartialFit_ColumnCountChanges_Throws()
    {
        var model = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 1 });
        model.PartialFit(new FeatureMatrix(new float[] { 1, 2, 3, 4 }, 2, 2));
        Assert.Equal("batch", Assert.Throws<ArgumentException>(() => model.PartialFit(new FeatureMatrix(new float[] { 1, 2, 3 }, 1, 3))).ParamName);
    }

    [Fact]
    public void ToModel_BeforeAnyBatch_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 1 }).ToModel(new FeatureMatrix(new float[] { 1 }, 1, 1)));
}
