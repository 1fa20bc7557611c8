using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Tests.Numerics.Simd;

/// <summary>The vector widths kernel tests run on, and the skip that reports a width this machine (or the
/// <c>DOTNET_PreferredVectorBitWidth</c> / <c>DOTNET_EnableHWIntrinsic</c> settings) does not accelerate.</summary>
internal static class VectorTiers
{
    /// <summary>The trait the kernel tests carry, so <c>.ci/run</c> can run them again under other vector settings.</summary>
    internal const string Category = "Kernels";

    /// <summary>Every width tier, in bits.</summary>
    internal static TheoryData<int> Bits => new() { 128, 256, 512 };

    /// <summary>Float lanes of a tier.</summary>
    internal static int Lanes(int bits) => bits / 32;

    /// <summary>Skips the calling test unless the tier runs on vector hardware here.</summary>
    internal static void Require(int bits)
    {
        bool accelerated = bits switch
        {
            128 => Width128.IsAccelerated,
            256 => Width256.IsAccelerated,
            512 => Width512.IsAccelerated,
            _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "Expected 128, 256 or 512."),
        };
        Skip.IfNot(
            accelerated,
            $"Vector{bits} is not hardware accelerated here (CPU, DOTNET_PreferredVectorBitWidth or DOTNET_EnableHWIntrinsic).");
    }
}
