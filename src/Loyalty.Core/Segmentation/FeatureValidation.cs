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

    /// <summary>Largest |value| allowed in a clustered space, times √d: every squared distance (at most
    /// 4·d·max²) then stays below 4e36, about 1/85 of float's range, so the float kernels (expanded-form
    /// assignment, k-means++ distances, DBSCAN neighbourhoods) cannot overflow.</summary>
    internal const double ScaleLimit = 1e18;

    /// <summary>The largest |value| allowed with <paramref name="columns"/> columns: <see cref="ScaleLimit"/>/√d.</summary>
    internal static float MaxMagnitude(int columns) => (float)(ScaleLimit / Math.Sqrt(Math.Max(1, columns)));

    /// <summary>The documented scale check: throws when a value is so large that squared distances between rows
    /// could overflow float, naming the first such value's row and column. One vectorised pass, run once per fit
    /// before the kernels.</summary>
    /// <param name="data">The rows as clustered (after standardisation, when asked).</param>
    /// <param name="columns">Columns per row.</param>
    /// <param name="parameterName">Named in the message and the exception.</param>
    /// <param name="standardized">The rows were standardised (said in the message, since the value differs from
    /// the input's).</param>
    /// <exception cref="ArgumentException">"features row 3 column 1 is 1E+30 ...".</exception>
    internal static void EnsureDistancesFit(ReadOnlySpan<float> data, int columns, string parameterName, bool standardized = false)
    {
        float limit = MaxMagnitude(columns);
        int bad = Numerics.MagnitudeScan.FirstBeyond(data, limit);
        if (bad >= 0)
        {
            string where = standardized ? " after standardisation" : string.Empty;
            throw new ArgumentException(
                string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"{parameterName} row {bad / columns} column {bad % columns} is {data[bad]:G6}{where}: with {columns} columns every |value| must be at most {limit:G3} (1e18/√columns) so squared distances fit in float; rescale that column or standardise the features."),
                parameterName);
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
