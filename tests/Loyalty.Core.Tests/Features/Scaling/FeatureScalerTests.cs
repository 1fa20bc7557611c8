using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Features.Scaling;

namespace Loyalty.Core.Tests.Features.Scaling;

public sealed class FeatureScalerTests
{
    private static FeatureMatrix Matrix(params float[][] rows) => FeatureMatrix.FromRows(rows);

    [Fact]
    public void Fit_ZScore_CentresAndScalesEachColumn()
    {
        var scaler = FeatureScaler.Fit(Matrix([1, 10], [3, 10], [5, 10]), ScalingMethod.ZScore);
        var scaled = scaler.Transform(Matrix([3, 10], [5, 12]));

        Assert.Equal(0f, scaled[0, 0], 1e-6f);
        Assert.Equal((float)(2 / Math.Sqrt(8.0 / 3)), scaled[1, 0], 1e-5f);
        Assert.Equal([1], scaler.ConstantColumns);
        Assert.Equal(2f, scaled[1, 1], 1e-6f); // constant column: scale 1, so x − mean
    }

    [Fact]
    public void Fit_MinMax_MapsTrainingRangeToUnitInterval()
    {
        var scaled = FeatureScaler.Fit(Matrix([2], [4], [6]), ScalingMethod.MinMax).Transform(Matrix([2], [6], [5]));
        Assert.Equal([0f, 1f, 0.75f], scaled.Data.ToArray());
    }

    [Fact]
    public void Fit_None_IsTheIdentity()
    {
        var data = Matrix([1, -10], [3, 10], [5, 10]);
        var scaler = FeatureScaler.Fit(data, ScalingMethod.None);

        Assert.Equal(data.Data.ToArray(), scaler.Transform(data).Data.ToArray());
        Assert.Equal([0d, 0d], scaler.Offsets);
        Assert.Equal([1d, 1d], scaler.Scales);
        Assert.Empty(scaler.ConstantColumns);
    }

    [Fact]
    public void InverseTransform_AnyMethod_RecoversTheInput() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(
            Gen.Choose(0, 100000).Select(i => i / 100f).ArrayOf(6).NonEmptyListOf().ToArbitrary(),
            Gen.Elements(ScalingMethod.None, ScalingMethod.ZScore, ScalingMethod.Log1pZScore, ScalingMethod.MinMax).ToArbitrary(),
            (rows, method) =>
            {
                var data = FeatureMatrix.FromRows(rows.ToArray());
                var scaler = FeatureScaler.Fit(data, method);
                var back = scaler.InverseTransform(scaler.Transform(data));
                return data.Data.ToArray().Zip(back.Data.ToArray()).All(p => Math.Abs(p.First - p.Second) <= 1e-3f * (1 + Math.Abs(p.First)));
            }));

    [Fact]
    public void Fit_NaN_ThrowsNamingRowAndColumn()
    {
        var ex = Assert.Throws<ArgumentException>(() => FeatureScaler.Fit(Matrix([1, 2], [3, float.NaN]), ScalingMethod.ZScore));
        Assert.Contains("row 1 column 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_Log1pBelowMinusOne_ThrowsNamingRowAndColumn() =>
        Assert.Contains("row 0 column 0", Assert.Throws<ArgumentException>(() => FeatureScaler.Fit(Matrix([-2]), ScalingMethod.Log1pZScore)).Message, StringComparison.Ordinal);

    [Fact]
    public void Transform_WrongColumnCount_Throws() =>
        Assert.Throws<ArgumentException>(() => FeatureScaler.Fit(Matrix([1, 2]), ScalingMethod.ZScore).Transform(Matrix([1])));
}
