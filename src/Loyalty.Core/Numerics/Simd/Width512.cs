using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Numerics.Simd;

/// <summary>The 512-bit tier (AVX-512): sixteen float lanes.</summary>
internal readonly struct Width512 : IVectorWidth<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static bool IsAccelerated => VectorDispatch.Is512;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    public static Vector512<float> Indices => Vector512<int>.Indices.AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> OffsetIndices(Vector512<float> indices, int offset) =>
        (indices.AsInt32() + Vector512.Create(offset)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KeepSmaller(
        Vector512<float> candidate, Vector512<float> index, ref Vector512<float> best, ref Vector512<float> bestIndex)
    {
        var smaller = Vector512.LessThan(candidate, best);
        best = Vector512.ConditionalSelect(smaller, candidate, best);
        bestIndex = Vector512.ConditionalSelect(smaller, index, bestIndex);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ArgMin(Vector512<float> best, Vector512<float> index, bool singleTile)
    {
        float min = Width128.HorizontalMin(Width256.Halve(Vector256.MinNative(best.GetLower(), best.GetUpper())));
        var atMin = Vector512.Equals(best, Vector512.Create(min));
        if (singleTile)
        {
            return BitOperations.TrailingZeroCount(atMin.ExtractMostSignificantBits());
        }

        var candidates = Vector512.ConditionalSelect(atMin.AsInt32(), index.AsInt32(), Vector512.Create(int.MaxValue));
        return Width128.HorizontalMin(Width256.Halve(Vector256.MinNative(candidates.GetLower(), candidates.GetUpper())));
    }
}
