using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Loyalty.Core.Numerics.Simd;

/// <summary>The one hardware check every kernel dispatches on: the widest vector the runtime accelerates, so
/// <c>DOTNET_PreferredVectorBitWidth=256</c> drops the 512-bit tier and <c>DOTNET_EnableHWIntrinsic=0</c> leaves the
/// scalar paths, everywhere at once.</summary>
/// <remarks>Each property is a JIT-time constant, so the untaken tiers are removed from the compiled code. Kernels
/// that need one instruction set's own instructions (two-source permutes, float-to-double widening) ask
/// <see cref="Avx512"/> or <see cref="Avx"/>, which also honour the preferred width.</remarks>
internal static class VectorDispatch
{
    /// <summary>512-bit vectors are accelerated (and not disabled by the preferred width).</summary>
    internal static bool Is512
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated;
    }

    /// <summary>256-bit vectors are accelerated.</summary>
    internal static bool Is256
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.IsHardwareAccelerated;
    }

    /// <summary>128-bit vectors are accelerated (SSE, Arm64 AdvSimd).</summary>
    internal static bool Is128
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128.IsHardwareAccelerated;
    }

    /// <summary>The 512-bit tier runs and the AVX-512 Foundation instructions may be used directly.</summary>
    internal static bool Avx512
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;
    }

    /// <summary>The 256-bit tier runs and AVX instructions may be used directly.</summary>
    internal static bool Avx
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx.IsSupported;
    }

    /// <summary>Float lanes of the widest accelerated vector: 16, 8, 4, or 1 when only scalar code runs.</summary>
    internal static int Lanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Is512 ? Vector512<float>.Count : Is256 ? Vector256<float>.Count : Is128 ? Vector128<float>.Count : 1;
    }
}
