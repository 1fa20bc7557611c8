namespace Loyalty.Core.Numerics.Simd;

/// <summary>The operations a width-generic kernel needs from one vector width of float lanes. Kernels are written
/// once as <c>Kernel&lt;TWidth, TVector&gt;(…) where TWidth : struct, IVectorWidth&lt;TVector&gt;</c>; every
/// implementation is a struct, so the JIT compiles one specialised copy per width with the calls inlined (the
/// TensorPrimitives operator-struct pattern, turned around: the operation is fixed and the width varies).</summary>
/// <typeparam name="TVector">The vector type: <c>Vector128&lt;float&gt;</c>, <c>Vector256&lt;float&gt;</c> or
/// <c>Vector512&lt;float&gt;</c>.</typeparam>
/// <remarks>Lane indices (for argmin) are carried in <typeparamref name="TVector"/> as the bits of 32-bit integers,
/// so kernels need one vector type only; only <see cref="OffsetIndices"/>, <see cref="KeepSmaller"/> and
/// <see cref="ArgMin"/> read them.</remarks>
internal interface IVectorWidth<TVector>
    where TVector : struct
{
    /// <summary>Float lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width runs on vector hardware here (see <see cref="VectorDispatch"/>).</summary>
    static abstract bool IsAccelerated { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Lane i holds the integer i (as bits).</summary>
    static abstract TVector Indices { get; }

    /// <summary>Loads <see cref="Count"/> floats from <paramref name="source"/> + <paramref name="offset"/>.</summary>
    static abstract TVector Load(ref float source, nuint offset);

    /// <summary>Stores the lanes at <paramref name="destination"/> + <paramref name="offset"/>.</summary>
    static abstract void Store(TVector value, ref float destination, nuint offset);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary>a + b per lane.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a − b per lane.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a · b per lane.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a · b + c per lane, rounded once (as <see cref="MathF.FusedMultiplyAdd"/>).</summary>
    static abstract TVector FusedMultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>The sum of the lanes.</summary>
    static abstract float Sum(TVector value);

    /// <summary>Integer lane indices plus <paramref name="offset"/>.</summary>
    static abstract TVector OffsetIndices(TVector indices, int offset);

    /// <summary>Where <paramref name="candidate"/> is strictly smaller than <paramref name="best"/>, takes it and its
    /// index; a tie keeps the earlier value, so each lane holds its lowest-index minimum.</summary>
    static abstract void KeepSmaller(TVector candidate, TVector index, ref TVector best, ref TVector bestIndex);

    /// <summary>The index of the smallest lane of <paramref name="best"/>, the lowest index among equal minima. With
    /// <paramref name="singleTile"/> the indices are the lane numbers and are not read. Values must not be NaN.</summary>
    static abstract int ArgMin(TVector best, TVector index, bool singleTile);
}
