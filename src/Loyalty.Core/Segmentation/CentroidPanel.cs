using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;

namespace Loyalty.Core.Segmentation;

/// <summary>Centroids laid out for the assignment kernel: transposed (dimension-major) and padded to whole vector
/// lanes, so one vector load gives one feature of <see cref="LaneWidth"/> centroids and a point is compared with a
/// lane's worth of centroids per fused multiply-add. Padding lanes have norm +∞, so they never win the argmin.</summary>
internal sealed class CentroidPanel
{
    private CentroidPanel(int k, int dimensions, int laneWidth)
    {
        K = k;
        Dimensions = dimensions;
        LaneWidth = laneWidth;
        PaddedK = (k + laneWidth - 1) / laneWidth * laneWidth;
        Transposed = new float[dimensions * PaddedK];
        Norms = new float[PaddedK];
    }

    /// <summary>Number of real centroids.</summary>
    internal int K { get; }

    /// <summary>Number of features.</summary>
    internal int Dimensions { get; }

    /// <summary>Lanes per vector the kernel uses: 16 (Vector512), 8 (Vector256), 4 (Vector128) or 1 (scalar).</summary>
    internal int LaneWidth { get; }

    /// <summary>K rounded up to a whole number of lanes.</summary>
    internal int PaddedK { get; }

    /// <summary>Element [j × PaddedK + c] is feature j of centroid c.</summary>
    internal float[] Transposed { get; }

    /// <summary>‖c‖², accumulated with fused multiply-adds in feature order (the scalar reference does the same).</summary>
    internal float[] Norms { get; }

    /// <summary>The widest lane width worth using for <paramref name="k"/> centroids (see
    /// <see cref="VectorDispatch"/>): 512-bit vectors only when there are more than 8 centroids (otherwise half of
    /// each vector would be padding).</summary>
    internal static int PreferredLaneWidth(int k)
    {
        if (VectorDispatch.Is512 && k > Vector256<float>.Count)
        {
            return Vector512<float>.Count;
        }

        if (VectorDispatch.Is256)
        {
            return Vector256<float>.Count;
        }

        return VectorDispatch.Is128 ? Vector128<float>.Count : 1;
    }

    /// <summary>Builds the panel from row-major centroids (k × dimensions).</summary>
    internal static CentroidPanel Create(ReadOnlySpan<float> centroids, int k, int dimensions, int laneWidth)
    {
        var panel = new CentroidPanel(k, dimensions, laneWidth);
        panel.Update(centroids);
        return panel;
    }

    /// <summary>Refills the panel in place after the centroids moved (no allocation per iteration).</summary>
    internal void Update(ReadOnlySpan<float> centroids)
    {
        for (int c = 0; c < K; c++)
        {
            ReadOnlySpan<float> row = centroids.Slice(c * Dimensions, Dimensions);
            float norm = 0f;
            for (int j = 0; j < Dimensions; j++)
            {
                Transposed[j * PaddedK + c] = row[j];
                norm = MathF.FusedMultiplyAdd(row[j], row[j], norm);
            }

            Norms[c] = norm;
        }

        for (int c = K; c < PaddedK; c++)
        {
            Norms[c] = float.PositiveInfinity;
        }
    }
}
