using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Loyalty.Core.Numerics.Simd;

/// <summary>The 128-bit tier (SSE, Arm64 AdvSimd): four float lanes.</summary>
internal readonly struct Width128 : IVectorWidth<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static bool IsAccelerated => VectorDispatch.Is128;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    public static Vector128<float> Indices => Vector128<int>.Indices.AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        Vector128.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> OffsetIndices(Vector128<float> indices, int offset) =>
        (indices.AsInt32() + Vector128.Create(offset)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KeepSmaller(
        Vector128<float> candidate, Vector128<float> index, ref Vector128<float> best, ref Vector128<float> bestIndex)
    {
        var smaller = Vector128.LessThan(candidate, best);
        best = Vector128.ConditionalSelect(smaller, candidate, best);
        bestIndex = Vector128.ConditionalSelect(smaller, index, bestIndex);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ArgMin(Vector128<float> best, Vector128<float> index, bool singleTile)
    {
        float min = HorizontalMin(best);
        var atMin = Vector128.Equals(best, Vector128.Create(min));
        if (singleTile)
        {
            return BitOperations.TrailingZeroCount(atMin.ExtractMostSignificantBits());
        }

        var candidates = Vector128.ConditionalSelect(atMin.AsInt32(), index.AsInt32(), Vector128.Create(int.MaxValue));
        return HorizontalMin(candidates);
    }

    /// <summary>The smallest of four lanes, by two swap-and-min rounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T HorizontalMin<T>(Vector128<T> value)
    {
        var m = Vector128.MinNative(value, Vector128.Shuffle(value.AsInt32(), Vector128.Create(2, 3, 0, 1)).As<int, T>());
        m = Vector128.MinNative(m, Vector128.Shuffle(m.AsInt32(), Vector128.Create(1, 0, 3, 2)).As<int, T>());
        return m.ToScalar();
    }
}
