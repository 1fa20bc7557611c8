using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Numerics;

/// <summary>Squared Euclidean distance between float rows, accumulated in float lanes and reduced once.
/// The SIMD path reorders the additions, so it agrees with <see cref="SquaredEuclideanScalar"/> to a relative
/// tolerance (a few ulps per term), not bitwise.</summary>
internal static class DistanceKernels
{
    /// <summary>Σ (a[i] − b[i])², vectorised with the widest accelerated vector, then the narrower tiers on what
    /// is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float SquaredEuclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        CheckLengths(a, b);
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        int i = 0;
        float sum = 0f;
        if (VectorDispatch.Is512)
        {
            sum += SquaredEuclideanVectors<Width512, Vector512<float>>(ref ra, ref rb, n, ref i);
        }

        if (VectorDispatch.Is256)
        {
            sum += SquaredEuclideanVectors<Width256, Vector256<float>>(ref ra, ref rb, n, ref i);
        }

        if (VectorDispatch.Is128)
        {
            sum += SquaredEuclideanVectors<Width128, Vector128<float>>(ref ra, ref rb, n, ref i);
        }

        return SquaredEuclideanTail(ref ra, ref rb, n, i, sum);
    }

    /// <summary><see cref="SquaredEuclidean(ReadOnlySpan{float}, ReadOnlySpan{float})"/> on one width only (and
    /// scalar for the tail): what the tests hold to the reference tier by tier.</summary>
    internal static float SquaredEuclidean<TWidth, TVector>(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        CheckLengths(a, b);
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        float sum = SquaredEuclideanVectors<TWidth, TVector>(ref ra, ref rb, a.Length, ref i);
        return SquaredEuclideanTail(ref ra, ref rb, a.Length, i, sum);
    }

    // Whole vectors from i on, one accumulator; advances i. Zero when fewer than a vector's worth remain.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SquaredEuclideanVectors<TWidth, TVector>(ref float ra, ref float rb, int n, ref int i)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        if (n - i < TWidth.Count)
        {
            return 0f;
        }

        var acc = TWidth.Zero;
        for (; i <= n - TWidth.Count; i += TWidth.Count)
        {
            nuint at = (nuint)i;
            var diff = TWidth.Subtract(TWidth.Load(ref ra, at), TWidth.Load(ref rb, at));
            acc = TWidth.FusedMultiplyAdd(diff, diff, acc);
        }

        return TWidth.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SquaredEuclideanTail(ref float ra, ref float rb, int n, int i, float sum)
    {
        for (; i < n; i++)
        {
            float diff = Unsafe.Add(ref ra, i) - Unsafe.Add(ref rb, i);
            sum = MathF.FusedMultiplyAdd(diff, diff, sum);
        }

        return sum;
    }

    private static void CheckLengths(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Rows of length {a.Length} and {b.Length} cannot be compared.", nameof(b));
        }
    }

    /// <summary>The reference: one term at a time, in index order.</summary>
    internal static float SquaredEuclideanScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        CheckLengths(a, b);

        float sum = 0f;
        for (int i = 0; i < a.Length; i++)
        {
            float diff = a[i] - b[i];
            sum += diff * diff;
        }

        return sum;
    }

    /// <summary>Σ (a[i] − b[i])² in double: the exact objective, immune to the cancellation of the expanded form.</summary>
    internal static double SquaredEuclideanDouble(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double diff = (double)a[i] - b[i];
            sum += diff * diff;
        }

        return sum;
    }
}
