using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Segmentation;

/// <summary>Input checks that name the offending row and column, so no NaN or infinity reaches a kernel.</summary>
internal static class FeatureValidation
{
    /// <summary>Throws when any value is NaN or infinite, naming the first one.</summary>
    /// <exception cref="ArgumentException">"features row 17 column 3 is NaN".</exception>
    internal static void EnsureFinite(ReadOnlySpan<float> data, int columns, string parameterName)
    {
        int bad = FirstNonFinite(data);
        if (bad >= 0)
        {
            float value = data[bad];
            string what = float.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
            throw new ArgumentException(
                $"{parameterName} row {bad / columns} column {bad % columns} is {what}.", parameterName);
        }
    }

    /// <summary>Throws unless there is one finite, non-negative weight per row and they do not sum to zero.</summary>
    internal static void EnsureWeights(ReadOnlySpan<float> weights, int rows, string parameterName)
    {
        if (weights.Length != rows)
        {
            throw new ArgumentException($"{parameterName} has {weights.Length} values for {rows} rows.", parameterName);
        }

        double total = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!float.IsFinite(weights[i]) || weights[i] < 0)
            {
                throw new ArgumentException($"{parameterName} row {i} is {weights[i]}; weights must be finite and ≥ 0.", parameterName);
            }

            total += weights[i];
        }

        if (total <= 0)
        {
            throw new ArgumentException($"{parameterName} are all zero.", parameterName);
        }
    }

    // x − x is 0 for every finite x and NaN for NaN and ±∞, so one subtraction and compare screens a whole vector.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FirstNonFinite(ReadOnlySpan<float> data)
    {
        ref float start = ref MemoryMarshal.GetReference(data);
        int i = 0;
        if (VectorDispatch.Is256)
        {
            for (; i + Vector256<float>.Count <= data.Length; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                if (!Vector256.EqualsAll(v - v, Vector256<float>.Zero))
                {
                    break;
                }
            }
        }

        for (; i < data.Length; i++)
        {
            if (!float.IsFinite(data[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
