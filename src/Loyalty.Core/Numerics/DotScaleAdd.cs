using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Numerics;

internal static partial class DotKernels
{
    /// <summary>x[i] ← s·x[i] + a·y[i]: the decay-and-step of every SGD and CG update.</summary>
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
        if (Vector512.IsHardwareAccelerated)
        {
            var vs = Vector512.Create(s);
            var va = Vector512.Create(a);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref ry, (nuint)i), Vector512.LoadUnsafe(ref rx, (nuint)i) * vs)
                    .StoreUnsafe(ref rx, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(s);
            var va = Vector256.Create(a);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref ry, (nuint)i), Vector256.LoadUnsafe(ref rx, (nuint)i) * vs)
                    .StoreUnsafe(ref rx, (nuint)i);
            }
        }

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
