using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Numerics;

internal static partial class DotKernels
{
    /// <summary>x[i] ← s·x[i] + a·y[i]: the decay-and-step of every SGD and CG update, on the widest accelerated
    /// vector, then the narrower tiers on what is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ScaleAdd(Span<float> x, float s, float a, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            ThrowLengthMismatch();
        }

        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ry = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int i = 0;
        if (VectorDispatch.Is512)
        {
            i = ScaleAddVectors<Width512, Vector512<float>>(ref rx, s, a, ref ry, i, n);
        }

        if (VectorDispatch.Is256)
        {
            i = ScaleAddVectors<Width256, Vector256<float>>(ref rx, s, a, ref ry, i, n);
        }

        if (VectorDispatch.Is128)
        {
            i = ScaleAddVectors<Width128, Vector128<float>>(ref rx, s, a, ref ry, i, n);
        }

        ScaleAddTail(ref rx, s, a, ref ry, i, n);
    }

    /// <summary><see cref="ScaleAdd(Span{float}, float, float, ReadOnlySpan{float})"/> on one vector width, then the
    /// scalar tail.</summary>
    internal static void ScaleAdd<TWidth, TVector>(Span<float> x, float s, float a, ReadOnlySpan<float> y)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        if (x.Length != y.Length)
        {
            ThrowLengthMismatch();
        }

        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ry = ref MemoryMarshal.GetReference(y);
        ScaleAddTail(ref rx, s, a, ref ry, ScaleAddVectors<TWidth, TVector>(ref rx, s, a, ref ry, 0, x.Length), x.Length);
    }

    // Whole vectors from i on; returns where they stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScaleAddVectors<TWidth, TVector>(ref float rx, float s, float a, ref float ry, int i, int n)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        var vs = TWidth.Broadcast(s);
        var va = TWidth.Broadcast(a);
        for (; i <= n - TWidth.Count; i += TWidth.Count)
        {
            nuint at = (nuint)i;
            var scaled = TWidth.Multiply(TWidth.Load(ref rx, at), vs);
            TWidth.Store(TWidth.FusedMultiplyAdd(va, TWidth.Load(ref ry, at), scaled), ref rx, at);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScaleAddTail(ref float rx, float s, float a, ref float ry, int i, int n)
    {
        for (; i < n; i++)
        {
            Unsafe.Add(ref rx, i) = MathF.FusedMultiplyAdd(a, Unsafe.Add(ref ry, i), Unsafe.Add(ref rx, i) * s);
        }
    }

    /// <summary>Scalar reference for <see cref="ScaleAdd"/>.</summary>
    internal static void ScaleAddScalar(Span<float> x, float s, float a, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            ThrowLengthMismatch();
        }

        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (s * x[i]) + (a * y[i]);
        }
    }
}
