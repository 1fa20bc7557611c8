using Loyalty.Core.Features.Scaling;

namespace Loyalty.Core.Segmentation;

/// <summary>The minimal per-column scaler k-means needs for <see cref="ScalingMethod"/>: z-score, log1p then
/// z-score, or min-max; a zero-variance (or zero-range) column gets scale 1. Internal on purpose: the public scalers belong in
/// Features and can replace this one later.</summary>
internal sealed class SegmentationScaler
{
    // The mean (z-score) or the minimum (min-max) of each column.
    private readonly double[] _mean;
    private readonly double[] _scale;

    private SegmentationScaler(ScalingMethod mode, double[] mean, double[] scale)
    {
        Mode = mode;
        _mean = mean;
        _scale = scale;
    }

    /// <summary>The scaling applied.</summary>
    internal ScalingMethod Mode { get; }

    /// <summary>Per-column means (after log1p for log-zscore), or minima for min-max.</summary>
    internal ReadOnlySpan<double> Means => _mean;

    /// <summary>Per-column standard deviations, or ranges for min-max (1 for constant columns).</summary>
    internal ReadOnlySpan<double> Scales => _scale;

    /// <summary>A scaler from saved parts (a model file); the caller has checked the lengths and values.</summary>
    internal static SegmentationScaler FromParts(ScalingMethod mode, double[] mean, double[] scale) => new(mode, mean, scale);

    /// <summary>Learns column means and standard deviations (after log1p for <see cref="ScalingMethod.Log1pZScore"/>).</summary>
    /// <exception cref="ArgumentException">log-zscore meets a value ≤ −1 (row and column named).</exception>
    internal static SegmentationScaler Fit(FeatureMatrix features, ScalingMethod mode, string parameterName)
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

        return mode == ScalingMethod.MinMax ? FitMinMax(features, mode) : new SegmentationScaler(mode, mean, scale);
    }

    /// <summary>Offsets are the column minima and scales the ranges (1 for a constant column).</summary>
    private static SegmentationScaler FitMinMax(FeatureMatrix features, ScalingMethod mode)
    {
        int d = features.Columns;
        var min = new double[d];
        var scale = new double[d];
        ReadOnlySpan<float> data = features.Data;
        for (int j = 0; j < d; j++)
        {
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (int i = 0; i < features.Rows; i++)
            {
                low = Math.Min(low, data[i * d + j]);
                high = Math.Max(high, data[i * d + j]);
            }

            double range = high - low;
            min[j] = features.Rows > 0 ? low : 0;
            scale[j] = range > 0 && double.IsFinite(range) ? range : 1.0;
        }

        return new SegmentationScaler(mode, min, scale);
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
            result[at] = (float)(Mode == ScalingMethod.Log1pZScore ? double.ExpM1(value) : value);
        }

        return result;
    }

    private static double Forward(ScalingMethod mode, float value, int row, int column, string parameterName)
    {
        if (mode != ScalingMethod.Log1pZScore)
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
