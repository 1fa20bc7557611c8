using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Numerics;

/// <summary>Squared Euclidean distance between float rows, accumulated in float lanes and reduced once.
/// The SIMD path reorders the additions, so it agrees with <see cref="SquaredEuclideanScalar"/> to a relative
/// tolerance (a few ulps per term), not bitwise.</summary>
internal static class DistanceKernels
{
    /// <summary>Σ (a[i] − b[i])², vectorised with the widest accelerated vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float SquaredEuclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Rows of length {a.Length} and {b.Length} cannot be compared.", nameof(b));
        }

        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        int i = 0;
        float sum = 0f;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var diff = Vector512.LoadUnsafe(ref ra, (nuint)i) - Vector512.LoadUnsafe(ref rb, (nuint)i);
                acc = Vector512.FusedMultiplyAdd(diff, diff, acc);
            }

            sum = Vector512.Sum(acc);
        }

        if (Vector256.IsHardwareAccelerated && n - i >= Vector256<float>.Count)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var diff = Vector256.LoadUnsafe(ref ra, (nuint)i) - Vector256.LoadUnsafe(ref rb, (nuint)i);
                acc = Vector256.FusedMultiplyAdd(diff, diff, acc);
            }

            sum += Vector256.Sum(acc);
        }

        for (; i < n; i++)
        {
            float diff = Unsafe.Add(ref ra, i) - Unsafe.Add(ref rb, i);
            sum = MathF.FusedMultiplyAdd(diff, diff, sum);
        }

        return sum;
    }

    /// <summary>The reference: one term at a time, in index order.</summary>
    internal static float SquaredEuclideanScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Rows of length {a.Length} and {b.Length} cannot be compared.", nameof(b));
        }

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
