using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class KMeansInputTests
{
    private static readonly FeatureMatrix Small = FeatureMatrix.FromRows([[0f, 0f], [1f, 0f], [0f, 1f], [5f, 5f], [6f, 5f]]);

    [Theory]
    [InlineData(float.NaN, "features row 3 column 1 is NaN")]
    [InlineData(float.PositiveInfinity, "features row 3 column 1 is +infinity")]
    [InlineData(float.NegativeInfinity, "features row 3 column 1 is -infinity")]
    public void Fit_NonFiniteValue_NamesRowAndColumn(float bad, string message)
    {
        float[] data = Small.Data.ToArray();
        data[3 * 2 + 1] = bad;
        var error = Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { K = 2 }).Fit(new FeatureMatrix(data, 5, 2)));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("features", error.ParamName);
    }

    [Fact]
    public void Fit_EmptyData_Throws() =>
        Assert.Contains("no rows", Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { K = 1 }).Fit(new FeatureMatrix([], 0, 3))).Message, StringComparison.Ordinal);

    [Fact]
    public void Options_SeveralProblems_AllReportedAtOnce()
    {
        var error = Assert.Throws<ArgumentException>(() => new KMeansOptions { K = 0, NInit = 0, MaxIterations = 0, Tolerance = double.NaN, MaxDegreeOfParallelism = 0 }.Validate());
        foreach (string name in new[] { "K ", "NInit", "MaxIterations", "Tolerance", "MaxDegreeOfParallelism" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fit_KAboveRows_Throws() =>
        Assert.Contains("KMeansOptions.K must not exceed the number of rows of the data (was 6; the data has 5 rows)", Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { K = 6 }).Fit(Small)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(KMeansInitialization.KMeansPlusPlus)]
    [InlineData(KMeansInitialization.Random)]
    [InlineData(KMeansInitialization.KMeansParallel)]
    public void Fit_KAboveDistinctRows_ThrowsNamingCount(KMeansInitialization init)
    {
        var duplicated = FeatureMatrix.FromRows([[1f, 2f], [1f, 2f], [3f, 4f], [1f, 2f], [3f, 4f]]);
        var error = Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { K = 3, Initialization = init }).Fit(duplicated));
        Assert.Contains("number of distinct rows (2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ZeroVarianceDataWithOneCluster_ZeroInertiaConverged()
    {
        var constant = FeatureMatrix.FromRows(Enumerable.Repeat(new[] { 3f, 3f }, 50).ToArray());
        var model = new KMeans(new KMeansOptions { K = 1, Standardization = ScalingMethod.ZScore }).Fit(constant);
        Assert.Equal(0, model.Inertia);
        Assert.True(model.Converged);
        Assert.Equal(3f, model.Centroids[0, 1]);
    }

    [Fact]
    public void Fit_MinMaxOneCluster_CentroidIsTheMeanInOriginalUnits()
    {
        // Min-max scaling is affine, so the one centroid maps back to the column means.
        var data = FeatureMatrix.FromRows([[0f, 100f], [2f, 300f], [4f, 500f]]);
        var model = new KMeans(new KMeansOptions { K = 1, Standardization = ScalingMethod.MinMax }).Fit(data);
        Assert.Equal(2f, model.Centroids[0, 0], 1e-4f);
        Assert.Equal(300f, model.Centroids[0, 1], 1e-2f);
    }

    [Fact]
    public void Fit_MinMaxScaling_ClustersOnTheScaledColumns()
    {
        // Unscaled, the wide second column decides (rows 0-1 against 2-3); in [0, 1] both columns weigh alike and
        // the first column's two tight groups (rows 0, 2 against 1, 3) are the better split.
        var data = FeatureMatrix.FromRows([[0f, 0f], [1f, 40f], [0f, 60f], [1f, 100f]]);
        int[] Labels(ScalingMethod scaling) =>
            new KMeans(new KMeansOptions { K = 2, Seed = 3, NInit = 8, Standardization = scaling }).Fit(data).Labels.ToArray();

        int[] raw = Labels(ScalingMethod.None), scaled = Labels(ScalingMethod.MinMax);
        Assert.True(raw[0] == raw[1] && raw[2] == raw[3] && raw[0] != raw[2], string.Join(",", raw));
        Assert.True(scaled[0] == scaled[2] && scaled[1] == scaled[3] && scaled[0] != scaled[1], string.Join(",", scaled));
    }

    [Fact]
    public void Fit_WrongWeightCount_NamesParameter() =>
        Assert.Equal("sampleWeights", Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { K = 2 }).Fit(Small, new float[] { 1f, 2f })).ParamName);

    [Fact]
    public void Fit_NegativeWeight_NamesRow() =>
        Assert.Contains("row 2", Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { K = 2 }).Fit(Small, new float[] { 1f, 1f, -1f, 1f, 1f })).Message, StringComparison.Ordinal);

    [Fact]
    public void Predict_WrongRowLength_Throws()
    {
        var model = new KMeans(new KMeansOptions { K = 2 }).Fit(Small);
        Assert.Equal("row", Assert.Throws<ArgumentException>(() => model.Predict([1f, 2f, 3f])).ParamName);
    }

    [Fact]
    public void Fit_GivenCentroidsWithWrongColumns_Throws()
    {
        var options = new KMeansOptions { K = 1, Initialization = KMeansInitialization.Given, InitialCentroids = FeatureMatrix.FromRows([[1f, 2f, 3f]]) };
        Assert.Contains("KMeansOptions.InitialCentroids must have as many columns as the data (was 3; the data has", Assert.Throws<ArgumentException>(() => new KMeans(options).Fit(Small)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_LogZScoreWithValueBelowMinusOne_NamesRowAndColumn()
    {
        var data = FeatureMatrix.FromRows([[0f, 1f], [2f, -3f]]);
        var error = Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { K = 1, Standardization = ScalingMethod.Log1pZScore }).Fit(data));
        Assert.Contains("row 1 column 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new KMeans(new KMeansOptions { K = 2 }).Fit(Small, cancellationToken: cancel.Token));
    }
}
