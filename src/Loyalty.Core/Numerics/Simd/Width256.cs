using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Numerics.Simd;

/// <summary>The 256-bit tier (AVX2): eight float lanes.</summary>
internal readonly struct Width256 : IVectorWidth<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static bool IsAccelerated => VectorDispatch.Is256;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    public static Vector256<float> Indices => Vector256<int>.Indices.AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> OffsetIndices(Vector256<float> indices, int offset) =>
        (indices.AsInt32() + Vector256.Create(offset)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KeepSmaller(
        Vector256<float> candidate, Vector256<float> index, ref Vector256<float> best, ref Vector256<float> bestIndex)
    {
        var smaller = Vector256.LessThan(candidate, best);
        best = Vector256.ConditionalSelect(smaller, candidate, best);
        bestIndex = Vector256.ConditionalSelect(smaller, index, bestIndex);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ArgMin(Vector256<float> best, Vector256<float> index, bool singleTile)
    {
        float min = Width128.HorizontalMin(Halve(best));
        var atMin = Vector256.Equals(best, Vector256.Create(min));
        if (singleTile)
        {
            return BitOperations.TrailingZeroCount(atMin.ExtractMostSignificantBits());
        }

        var candidates = Vector256.ConditionalSelect(atMin.AsInt32(), index.AsInt32(), Vector256.Create(int.MaxValue));
        return Width128.HorizontalMin(Halve(candidates));
    }

    /// <summary>The lane-wise minimum of the two halves. MinNative (plain vminps/vpminsd) is safe: values are never
    /// NaN and ±0 compare equal where the result is used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<T> Halve<T>(Vector256<T> value) => Vector128.MinNative(value.GetLower(), value.GetUpper());
}
