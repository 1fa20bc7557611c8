using Loyalty.Core.Numerics;

namespace Loyalty.Core.Tests.Segmentation;

/// <summary>The SIMD squared distance reorders the sum, so it is held to the scalar reference within a relative
/// tolerance of 1e-5 (plus 1e-6 absolute for tiny sums).</summary>
public sealed class DistanceKernelsTests
{
    [Fact]
    public void SquaredEuclidean_LengthsZeroTo300_MatchesScalarWithinTolerance()
    {
        for (int length = 0; length <= 300; length++)
        {
            float[] a = SyntheticData.Uniform(length, length);
            float[] b = SyntheticData.Uniform(length, length + 1000);
            float expected = DistanceKernels.SquaredEuclideanScalar(a, b);
            float actual = DistanceKernels.SquaredEuclidean(a, b);
            Assert.True(Math.Abs(actual - expected) <= 1e-5 * expected + 1e-6, $"length {length}: {actual} vs {expected}");
            Assert.Equal(expected, DistanceKernels.SquaredEuclideanDouble(a, b), 1e-5 * expected + 1e-6);
        }
    }

    [Fact]
    public void SquaredEuclidean_DifferentLengths_Throws() =>
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => DistanceKernels.SquaredEuclidean([1f], [1f, 2f])).ParamName);
}
