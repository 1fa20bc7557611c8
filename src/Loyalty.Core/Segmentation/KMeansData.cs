namespace Loyalty.Core.Segmentation;

/// <summary>The validated (and, if asked, standardised) points of one fit, with their weights and chunk plan.</summary>
internal sealed class KMeansData
{
    internal KMeansData(ReadOnlyMemory<float> points, int rows, int columns, ReadOnlyMemory<float> weights, int threads)
    {
        Points = points;
        Rows = rows;
        Columns = columns;
        Weights = weights;
        Plan = new ChunkPlan(rows, threads);
    }

    /// <summary>Row-major points.</summary>
    internal ReadOnlyMemory<float> Points { get; }

    /// <summary>Number of rows.</summary>
    internal int Rows { get; }

    /// <summary>Number of columns.</summary>
    internal int Columns { get; }

    /// <summary>One weight per row, or empty for unit weights.</summary>
    internal ReadOnlyMemory<float> Weights { get; }

    /// <summary>The fixed chunking shared by every pass.</summary>
    internal ChunkPlan Plan { get; }

    /// <summary>Row <paramref name="row"/>.</summary>
    internal ReadOnlySpan<float> Row(int row) => Points.Span.Slice(row * Columns, Columns);

    /// <summary>Weight of row <paramref name="row"/>.</summary>
    internal double Weight(int row) => Weights.IsEmpty ? 1.0 : Weights.Span[row];

    /// <summary>Rows of one chunk.</summary>
    internal ReadOnlySpan<float> ChunkPoints(int chunk) =>
        Points.Span.Slice(ChunkPlan.Start(chunk) * Columns, Plan.Length(chunk) * Columns);

    /// <summary>Weights of one chunk (empty for unit weights).</summary>
    internal ReadOnlySpan<float> ChunkWeights(int chunk) =>
        Weights.IsEmpty ? default : Weights.Span.Slice(ChunkPlan.Start(chunk), Plan.Length(chunk));

    /// <summary>Copies rows <paramref name="indices"/> into a k × d array.</summary>
    internal float[] GatherRows(IReadOnlyList<int> indices)
    {
        var result = new float[indices.Count * Columns];
        for (int c = 0; c < indices.Count; c++)
        {
            Row(indices[c]).CopyTo(result.AsSpan(c * Columns));
        }

        return result;
    }

    /// <summary>The error for data with fewer distinct points than clusters.</summary>
    internal ArgumentException TooFewDistinctRows(int k, string parameterName = "features") => new(
        $"K ({k}) is greater than the number of distinct rows ({DataStatistics.DistinctRows(Points.Span, Rows, Columns)}).",
        parameterName);
}
