using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Tests.Numerics.Simd;

/// <summary>The one dispatch check follows the runtime's own switches, so the CI legs with
/// <c>DOTNET_PreferredVectorBitWidth=256</c> and <c>DOTNET_EnableHWIntrinsic=0</c> really run the narrower tiers.</summary>
[Trait("Category", VectorTiers.Category)]
public sealed class VectorDispatchTests
{
    [Fact]
    public void Lanes_Always_IsTheWidestAcceleratedTier()
    {
        int expected = Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 1;
        Assert.Equal(expected, VectorDispatch.Lanes);
        Assert.Equal(Vector512.IsHardwareAccelerated, Width512.IsAccelerated);
        Assert.Equal(Vector256.IsHardwareAccelerated, Width256.IsAccelerated);
        Assert.Equal(Vector128.IsHardwareAccelerated, Width128.IsAccelerated);
    }

    // These follow the setting of the process they run in, so the default run checks the full tiers and the .ci/run
    // legs check that DOTNET_PreferredVectorBitWidth=256 and DOTNET_EnableHWIntrinsic=0 really narrow the dispatch.
    [Fact]
    public void Is512_PreferredWidthSetting_FollowsIt()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_PreferredVectorBitWidth") == "256")
        {
            Assert.False(VectorDispatch.Is512);
            Assert.False(VectorDispatch.Avx512);
            Assert.True(VectorDispatch.Lanes <= 8);
        }
        else
        {
            Assert.Equal(Vector512.IsHardwareAccelerated && Avx512F.IsSupported, VectorDispatch.Avx512);
        }
    }

    [Fact]
    public void Lanes_HardwareIntrinsicsSetting_FollowsIt()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.Equal(1, VectorDispatch.Lanes);
            Assert.False(VectorDispatch.Avx);
        }
        else
        {
            Assert.Equal(Vector256.IsHardwareAccelerated && Avx.IsSupported, VectorDispatch.Avx);
        }
    }

    [Fact]
    public void ArgMin_EqualMinimaAcrossTiles_LowestIndexWins()
    {
        // Lanes 1 and 3 tie at -2; their indices 9 and 5 stand for centroids from different tiles: 5 must win.
        var best = Vector128.Create(0f, -2f, 1f, -2f);
        var index = Vector128.Create(8, 9, 10, 5).AsSingle();
        Assert.Equal(5, Width128.ArgMin(best, index, singleTile: false));
        Assert.Equal(1, Width128.ArgMin(best, index, singleTile: true));
    }
}
