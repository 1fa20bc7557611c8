using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics;
using Loyalty.Core.Numerics.Simd;
using Loyalty.Core.Tests.Numerics.Simd;

namespace Loyalty.Core.Tests.Segmentation;

/// <summary>The SIMD squared distance reorders the sum, so it is held to the scalar reference within a relative
/// tolerance of 1e-5 (plus 1e-6 absolute for tiny sums), on the dispatched path and on every width tier.</summary>
[Trait("Category", VectorTiers.Category)]
public sealed class DistanceKernelsTests
{
    public static TheoryData<int> Tiers => VectorTiers.Bits;

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

    [SkippableTheory]
    [MemberData(nameof(Tiers))]
    public void SquaredEuclidean_EveryTierLengthsZeroTo300_MatchesScalarWithinTolerance(int bits)
    {
        VectorTiers.Require(bits);
        for (int length = 0; length <= 300; length++)
        {
            float[] a = SyntheticData.Uniform(length, length);
            float[] b = SyntheticData.Uniform(length, length + 1000);
            float expected = DistanceKernels.SquaredEuclideanScalar(a, b);
            float actual = bits switch
            {
                128 => DistanceKernels.SquaredEuclidean<Width128, Vector128<float>>(a, b),
                256 => DistanceKernels.SquaredEuclidean<Width256, Vector256<float>>(a, b),
                _ => DistanceKernels.SquaredEuclidean<Width512, Vector512<float>>(a, b),
            };
            Assert.True(Math.Abs(actual - expected) <= 1e-5 * expected + 1e-6, $"Vector{bits}, length {length}: {actual} vs {expected}");
        }
    }

    [Fact]
    public void SquaredEuclidean_DifferentLengths_Throws() =>
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => DistanceKernels.SquaredEuclidean([1f], [1f, 2f])).ParamName);
}
