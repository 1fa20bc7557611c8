using System.Runtime.Intrinsics;
using Loyalty.Core.Segmentation;
using Loyalty.Core.Tests.Numerics.Simd;

namespace Loyalty.Core.Tests.Segmentation;

/// <summary>The in-register transpose is a pure permutation, so it is compared exactly.</summary>
[Trait("Category", VectorTiers.Category)]
public sealed class RowTileTests
{
    [SkippableTheory]
    [InlineData(16, 0)]
    [InlineData(20, 3)]
    [InlineData(37, 16)]
    public void Transpose_SixteenRows_GivesFeatureColumns(int stride, int offset)
    {
        Skip.IfNot(RowTile.IsSupported, "AVX-512 is not available here (CPU, DOTNET_PreferredVectorBitWidth or DOTNET_EnableHWIntrinsic).");

        float[] data = Enumerable.Range(0, (16 * stride) + 16).Select(i => (float)i).ToArray();
        var columns = new Vector512<float>[16];
        RowTile.Transpose(ref data[0], stride, offset, columns);
        for (int j = 0; j < 16; j++)
        {
            for (int r = 0; r < 16; r++)
            {
                Assert.Equal(data[(r * stride) + offset + j], columns[j][r]);
            }
        }
    }
}
