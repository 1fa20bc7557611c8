using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Numerics;

/// <summary>Span-based float32 kernels for factor models: dot product, axpy and the fused SGD step. Each has a
/// scalar reference (<c>*Scalar</c>) that the tests compare the vectorised path against.</summary>
/// <remarks>Each vectorised kernel is written once over <see cref="IVectorWidth{TVector}"/> and dispatched by
/// <see cref="VectorDispatch"/> to Vector512, Vector256 or Vector128; the dot product keeps several independent
/// accumulators so the FMA latency chain does not bound the throughput.</remarks>
internal static partial class DotKernels
{
    /// <summary>Σ x[i]·y[i] on the widest accelerated vector that fits. Spans must have equal length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (VectorDispatch.Is512 && x.Length >= Vector512<float>.Count)
        {
            return Dot<Width512, Vector512<float>>(x, y);
        }

        if (VectorDispatch.Is256 && x.Length >= Vector256<float>.Count)
        {
            return Dot<Width256, Vector256<float>>(x, y);
        }

        if (VectorDispatch.Is128 && x.Length >= Vector128<float>.Count)
        {
            return Dot<Width128, Vector128<float>>(x, y);
        }

        return DotScalar(x, y);
    }

    /// <summary>Σ x[i]·y[i] on one vector width, four independent accumulators, then the scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Dot<TWidth, TVector>(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        if (x.Length != y.Length)
        {
            ThrowLengthMismatch();
        }

        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ry = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int i = 0;
        TVector a0 = TWidth.Zero, a1 = TWidth.Zero, a2 = TWidth.Zero, a3 = TWidth.Zero;
        for (; i <= n - (4 * TWidth.Count); i += 4 * TWidth.Count)
        {
            nuint at = (nuint)i;
            a0 = TWidth.FusedMultiplyAdd(TWidth.Load(ref rx, at), TWidth.Load(ref ry, at), a0);
            a1 = TWidth.FusedMultiplyAdd(TWidth.Load(ref rx, (nuint)(i + TWidth.Count)), TWidth.Load(ref ry, (nuint)(i + TWidth.Count)), a1);
            a2 = TWidth.FusedMultiplyAdd(TWidth.Load(ref rx, (nuint)(i + (2 * TWidth.Count))), TWidth.Load(ref ry, (nuint)(i + (2 * TWidth.Count))), a2);
            a3 = TWidth.FusedMultiplyAdd(TWidth.Load(ref rx, (nuint)(i + (3 * TWidth.Count))), TWidth.Load(ref ry, (nuint)(i + (3 * TWidth.Count))), a3);
        }

        for (; i <= n - TWidth.Count; i += TWidth.Count)
        {
            nuint at = (nuint)i;
            a0 = TWidth.FusedMultiplyAdd(TWidth.Load(ref rx, at), TWidth.Load(ref ry, at), a0);
        }

        float sum = TWidth.Sum(TWidth.Add(TWidth.Add(a0, a1), TWidth.Add(a2, a3)));
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref rx, i) * Unsafe.Add(ref ry, i);
        }

        return sum;
    }

    /// <summary>Scalar reference for <see cref="Dot"/>.</summary>
    internal static float DotScalar(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            ThrowLengthMismatch();
        }

        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    /// <summary>y[i] += a·x[i], on the widest accelerated vector, then the narrower tiers on what is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
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
            i = AxpyVectors<Width512, Vector512<float>>(a, ref rx, ref ry, i, n);
        }

        if (VectorDispatch.Is256)
        {
            i = AxpyVectors<Width256, Vector256<float>>(a, ref rx, ref ry, i, n);
        }

        if (VectorDispatch.Is128)
        {
            i = AxpyVectors<Width128, Vector128<float>>(a, ref rx, ref ry, i, n);
        }

        AxpyTail(a, ref rx, ref ry, i, n);
    }

    /// <summary><see cref="Axpy(float, ReadOnlySpan{float}, Span{float})"/> on one vector width, then the scalar
    /// tail.</summary>
    internal static void Axpy<TWidth, TVector>(float a, ReadOnlySpan<float> x, Span<float> y)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        if (x.Length != y.Length)
        {
            ThrowLengthMismatch();
        }

        ref float rx = ref MemoryMarshal.GetReference(x);
        ref float ry = ref MemoryMarshal.GetReference(y);
        AxpyTail(a, ref rx, ref ry, AxpyVectors<TWidth, TVector>(a, ref rx, ref ry, 0, x.Length), x.Length);
    }

    // Whole vectors from i on; returns where they stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AxpyVectors<TWidth, TVector>(float a, ref float rx, ref float ry, int i, int n)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        var va = TWidth.Broadcast(a);
        for (; i <= n - TWidth.Count; i += TWidth.Count)
        {
            nuint at = (nuint)i;
            TWidth.Store(TWidth.FusedMultiplyAdd(va, TWidth.Load(ref rx, at), TWidth.Load(ref ry, at)), ref ry, at);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AxpyTail(float a, ref float rx, ref float ry, int i, int n)
    {
        for (; i < n; i++)
        {
            Unsafe.Add(ref ry, i) = MathF.FusedMultiplyAdd(a, Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i));
        }
    }

    /// <summary>Scalar reference for <see cref="Axpy"/>.</summary>
    internal static void AxpyScalar(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != y.Length)
        {
            ThrowLengthMismatch();
        }

        for (int i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static void ThrowLengthMismatch() =>
        throw new ArgumentException("The spans must have the same length.");
}
