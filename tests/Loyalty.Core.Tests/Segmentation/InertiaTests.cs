using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

/// <summary>The vectorised exact objective against its one-term-at-a-time reference. Tolerance: relative 1e-12 —
/// both sum non-negative double terms, only in a different order.</summary>
[Trait("Category", Loyalty.Core.Tests.Numerics.Simd.VectorTiers.Category)]
public sealed class InertiaTests
{
    [Fact]
    public void ChunkSum_DimensionsZeroTo300_MatchesScalar()
    {
        for (int d = 0; d <= 300; d += d < 40 ? 1 : 13)
        {
            foreach (bool weighted in new[] { false, true })
            {
                const int rows = 29;
                const int k = 3;
                float[] points = SyntheticData.Uniform(rows * d, d);
                float[] centroids = SyntheticData.Uniform(k * d, d + 1);
                float[] weights = weighted ? SyntheticData.Uniform(rows, d + 2).Select(Math.Abs).ToArray() : [];
                int[] labels = Enumerable.Range(0, rows).Select(i => i % k).ToArray();

                double simd = Inertia.ChunkSum(points, weights, labels, centroids, d);
                double scalar = Inertia.ChunkSumScalar(points, weights, labels, centroids, d);

                Assert.Equal(scalar, simd, scalar * 1e-12);
            }
        }
    }

    [Fact]
    public void ChunkSum_LabelOutOfRange_ThrowsNamingTheRow()
    {
        float[] points = [1f, 2f, 3f, 4f];
        float[] centroids = [0f, 0f];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Inertia.ChunkSum(points, default, [0, 1], centroids, 2));
        Assert.Contains("Row 1", error.Message, StringComparison.Ordinal);
    }
}
