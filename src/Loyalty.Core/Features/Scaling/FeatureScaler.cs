namespace Loyalty.Core.Features.Scaling;

/// <summary>
/// A scaler fitted once on training features and then applied to any data in the same units. Immutable and safe
/// to share between threads.
/// </summary>
/// <remarks>Zero-variance rule: a column that is constant on the fitting data gets a scale of 1, so it transforms
/// to 0 (z-score: x − mean; min-max: x − min) instead of dividing by zero; <see cref="ConstantColumns"/> lists
/// such columns so callers can drop them.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed class FeatureScaler
{
    private readonly double[] _offset;
    private readonly double[] _scale;

    private FeatureScaler(ScalingMethod method, double[] offset, double[] scale, int[] constantColumns)
    {
        Method = method;
        _offset = offset;
        _scale = scale;
        ConstantColumns = constantColumns;
    }

    /// <summary>The method.</summary>
    public ScalingMethod Method { get; }

    /// <summary>Number of columns.</summary>
    public int Columns => _offset.Length;

    /// <summary>Columns that were constant on the fitting data (scale forced to 1); empty for <see cref="ScalingMethod.None"/>.</summary>
    public IReadOnlyList<int> ConstantColumns { get; }

    /// <summary>Per-column offset subtracted after the log step (mean, or minimum).</summary>
    public IReadOnlyList<double> Offsets => _offset;

    /// <summary>Per-column divisor (standard deviation, or range; 1 for constant columns).</summary>
    public IReadOnlyList<double> Scales => _scale;

    /// <summary>Writes the scaler as a <c>loyalty.scaler</c> model file (format version 1); <see cref="Load"/> restores
    /// one that transforms identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FeatureScalerFile.Write(this, stream);
    }

    /// <summary>Reads a scaler written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.scaler</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static FeatureScaler Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FeatureScalerFile.Read(stream);
    }

    /// <summary>A scaler from saved parts (a model file); the caller has checked the lengths and values.</summary>
    internal static FeatureScaler FromParts(ScalingMethod method, double[] offset, double[] scale, int[] constantColumns) =>
        new(method, offset, scale, constantColumns);

    /// <summary>Fits a scaler on <paramref name="features"/>. <see cref="ScalingMethod.None"/> fits the identity
    /// (offsets 0, scales 1).</summary>
    /// <exception cref="ArgumentException">No rows; a NaN or infinite value; or, for <see cref="ScalingMethod.Log1pZScore"/>,
    /// a value ≤ −1 — the message names the row and column.</exception>
    public static FeatureScaler Fit(FeatureMatrix features, ScalingMethod method)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown scaling method.");
        }

        if (features.Rows == 0)
        {
            throw new ArgumentException("Cannot fit a scaler on zero rows.", nameof(features));
        }

        int d = features.Columns;
        var offset = new double[d];
        var scale = new double[d];
        var constant = new List<int>();
        for (int j = 0; j < d; j++)
        {
            double mean = 0, m2 = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < features.Rows; i++)
            {
                double x = Prepare(features[i, j], method, i, j, features.ColumnNames[j]);
                // Welford's update: stable for large offsets such as dates in days.
                double delta = x - mean;
                mean += delta / (i + 1);
                m2 += delta * (x - mean);
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }

            if (method == ScalingMethod.None)
            {
                // The identity: values were still checked for finiteness above.
                scale[j] = 1;
                continue;
            }

            double spread = method == ScalingMethod.MinMax ? max - min : Math.Sqrt(m2 / features.Rows);
            offset[j] = method == ScalingMethod.MinMax ? min : mean;
            if (!(spread > 0))
            {
                spread = 1;
                constant.Add(j);
            }

            scale[j] = spread;
        }

        return new FeatureScaler(method, offset, scale, constant.ToArray());
    }

    /// <summary>Transforms rows into the scaled space.</summary>
    /// <exception cref="ArgumentException">The column count differs, or a value is invalid (row and column named).</exception>
    public FeatureMatrix Transform(FeatureMatrix features)
    {
        CheckColumns(features);
        var data = new float[features.Data.Length];
        for (int i = 0; i < features.Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                double x = Prepare(features[i, j], Method, i, j, features.ColumnNames[j]);
                data[(i * Columns) + j] = (float)((x - _offset[j]) / _scale[j]);
            }
        }

        return new FeatureMatrix(data, features.Rows, Columns, features.ColumnNames);
    }

    /// <summary>Maps scaled rows (centroids, say) back to the original units.</summary>
    public FeatureMatrix InverseTransform(FeatureMatrix scaled)
    {
        CheckColumns(scaled);
        var data = new float[scaled.Data.Length];
        for (int i = 0; i < scaled.Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                double x = (scaled[i, j] * _scale[j]) + _offset[j];
                data[(i * Columns) + j] = (float)(Method == ScalingMethod.Log1pZScore ? double.ExpM1(x) : x);
            }
        }

        return new FeatureMatrix(data, scaled.Rows, Columns, scaled.ColumnNames);
    }

    private void CheckColumns(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Columns != Columns)
        {
            throw new ArgumentException($"The scaler was fitted on {Columns} columns; the data has {features.Columns}.", nameof(features));
        }
    }

    private static double Prepare(float value, ScalingMethod method, int row, int column, string name, string paramName = "features")
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentException($"features row {row} column {column} ('{name}') is {value}; scalers need finite values.", paramName);
        }

        if (method != ScalingMethod.Log1pZScore)
        {
            return value;
        }

        return value > -1f
            ? double.LogP1(value)
            : throw new ArgumentException($"features row {row} column {column} ('{name}') is {value}; log1p scaling needs values above -1.", paramName);
    }
}
