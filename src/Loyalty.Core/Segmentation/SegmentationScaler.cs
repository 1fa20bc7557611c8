namespace Loyalty.Core.Segmentation;

/// <summary>The minimal per-column scaler k-means needs for <see cref="FeatureStandardization"/>: z-score, or
/// log1p then z-score; a zero-variance column gets scale 1. Internal on purpose: the public scalers belong in
/// Features and can replace this one later.</summary>
internal sealed class SegmentationScaler
{
    private readonly double[] _mean;
    private readonly double[] _scale;

    private SegmentationScaler(FeatureStandardization mode, double[] mean, double[] scale)
    {
        Mode = mode;
        _mean = mean;
        _scale = scale;
    }

    /// <summary>The scaling applied.</summary>
    internal FeatureStandardization Mode { get; }

    /// <summary>Per-column means (after log1p for log-zscore).</summary>
    internal ReadOnlySpan<double> Means => _mean;

    /// <summary>Per-column standard deviations (1 for constant columns).</summary>
    internal ReadOnlySpan<double> Scales => _scale;

    /// <summary>A scaler from saved parts (a model file); the caller has checked the lengths and values.</summary>
    internal static SegmentationScaler FromParts(FeatureStandardization mode, double[] mean, double[] scale) => new(mode, mean, scale);

    /// <summary>Learns column means and standard deviations (after log1p for <see cref="FeatureStandardization.LogZScore"/>).</summary>
    /// <exception cref="ArgumentException">log-zscore meets a value ≤ −1 (row and column named).</exception>
    internal static SegmentationScaler Fit(FeatureMatrix features, FeatureStandardization mode, string parameterName)
    {
        int d = features.Columns;
        var mean = new double[d];
        var squares = new double[d];
        ReadOnlySpan<float> data = features.Data;
        for (int i = 0; i < features.Rows; i++)
        {
            for (int j = 0; j < d; j++)
            {
                mean[j] += Forward(mode, data[i * d + j], i, j, parameterName);
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= Math.Max(1, features.Rows);
        }

        for (int i = 0; i < features.Rows; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double diff = Forward(mode, data[i * d + j], i, j, parameterName) - mean[j];
                squares[j] += diff * diff;
            }
        }

        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sd = Math.Sqrt(squares[j] / Math.Max(1, features.Rows));
            scale[j] = sd > 0 && double.IsFinite(sd) ? sd : 1.0;
        }

        return new SegmentationScaler(mode, mean, scale);
    }

    /// <summary>Scales every row of <paramref name="features"/>.</summary>
    internal float[] Transform(FeatureMatrix features, string parameterName)
    {
        var result = new float[features.Data.Length];
        for (int i = 0; i < features.Rows; i++)
        {
            TransformRow(features.Row(i), result.AsSpan(i * features.Columns, features.Columns), i, parameterName);
        }

        return result;
    }

    /// <summary>Scales one row into <paramref name="destination"/>.</summary>
    internal void TransformRow(ReadOnlySpan<float> row, Span<float> destination, int rowIndex, string parameterName)
    {
        for (int j = 0; j < row.Length; j++)
        {
            destination[j] = (float)((Forward(Mode, row[j], rowIndex, j, parameterName) - _mean[j]) / _scale[j]);
        }
    }

    /// <summary>Maps rows from the scaled space back to original units (expm1 after un-scaling for log-zscore).</summary>
    internal float[] InverseTransform(ReadOnlySpan<float> rows, int columns)
    {
        var result = new float[rows.Length];
        for (int at = 0; at < rows.Length; at++)
        {
            int j = at % columns;
            double value = (rows[at] * _scale[j]) + _mean[j];
            result[at] = (float)(Mode == FeatureStandardization.LogZScore ? double.ExpM1(value) : value);
        }

        return result;
    }

    private static double Forward(FeatureStandardization mode, float value, int row, int column, string parameterName)
    {
        if (mode != FeatureStandardization.LogZScore)
        {
            return value;
        }

        if (value <= -1f)
        {
            throw new ArgumentException(
                $"{parameterName} row {row} column {column} is {value}; log-zscore needs values greater than -1.", parameterName);
        }

        return double.LogP1(value);
    }
}
