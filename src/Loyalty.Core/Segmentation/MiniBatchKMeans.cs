using Loyalty.Core.Validation;

namespace Loyalty.Core.Segmentation;

/// <summary>Settings of mini-batch k-means. Immutable; <see cref="Validate"/> reports every problem at once.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record MiniBatchKMeansOptions
{
    /// <summary>Number of clusters (default 8).</summary>
    public int K { get; init; } = 8;

    /// <summary>Rows per mini-batch in <see cref="MiniBatchKMeans.Fit"/> (default 1024).</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Most mini-batch steps in <see cref="MiniBatchKMeans.Fit"/> (default 100).</summary>
    public int MaxSteps { get; init; } = 100;

    /// <summary>Stop when a step moves the centroids by at most Tolerance × the mean feature variance (summed squared
    /// shift); 0 runs all steps (default 0).</summary>
    public double Tolerance { get; init; }

    /// <summary>Seed of the initialisation and the batch sampling (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists all of them.</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(MiniBatchKMeansOptions));
        v.AtLeast(nameof(K), K, 1);
        v.AtLeast(nameof(BatchSize), BatchSize, 1);
        v.AtLeast(nameof(MaxSteps), MaxSteps, 1);
        v.NonNegative(nameof(Tolerance), Tolerance);
        v.ThrowIfInvalid();
    }
}

/// <summary>Mini-batch k-means (Sculley 2010) for data that streams or does not fit a full Lloyd pass: each batch is
/// assigned with the SIMD kernel, then every centroid moves towards its batch mean with a per-centroid learning
/// rate of (batch weight) / (all weight it has seen), which is Sculley's per-sample 1/v update in closed form.
/// An instance carries the learned centroids between <see cref="PartialFit"/> calls, so it is not thread-safe;
/// <see cref="ToModel"/> returns an immutable snapshot.</summary>
public sealed class MiniBatchKMeans
{
    private float[]? _centroids;
    private double[] _seen;
    private int _dimensions;

    /// <summary>Creates an untrained instance.</summary>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    public MiniBatchKMeans(MiniBatchKMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _seen = new double[options.K];
    }

    /// <summary>The settings.</summary>
    public MiniBatchKMeansOptions Options { get; }

    /// <summary>Whether a batch has been seen (centroids exist).</summary>
    public bool IsInitialized => _centroids is not null;

    /// <summary>Batches processed so far.</summary>
    public int Steps { get; private set; }

    /// <summary>Updates the centroids with one batch. The first batch initialises them with greedy k-means++ and
    /// must have at least K distinct rows.</summary>
    /// <returns>The summed squared centroid movement of this step.</returns>
    /// <exception cref="ArgumentException">Bad values (row and column named; also values above 1e18/√columns,
    /// whose squared distances could overflow float), a column count that differs from
    /// earlier batches, or bad weights.</exception>
    public double PartialFit(FeatureMatrix batch, ReadOnlyMemory<float> sampleWeights = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        FeatureValidation.EnsureFinite(batch.Data, batch.Columns, nameof(batch));
        FeatureValidation.EnsureDistancesFit(batch.Data, batch.Columns, nameof(batch));
        if (!sampleWeights.IsEmpty)
        {
            FeatureValidation.EnsureWeights(sampleWeights.Span, batch.Rows, nameof(sampleWeights));
        }

        if (_centroids is not null && batch.Columns != _dimensions)
        {
            throw new ArgumentException($"batch has {batch.Columns} columns; earlier batches had {_dimensions}.", nameof(batch));
        }

        return Step(new KMeansData(batch.Memory, batch.Rows, batch.Columns, sampleWeights, threads: 1), cancellationToken);
    }

    /// <summary>Fits from scratch: initialises on a seeded sample, then runs up to MaxSteps batches drawn at random
    /// (with replacement), and finally labels every row and computes the exact inertia.</summary>
    /// <exception cref="ArgumentException">Empty data, K above the rows, bad values (NaN, infinite, or above
    /// 1e18/√columns; row and column named) or weights.</exception>
    /// <exception cref="TrainingDivergedException">The final inertia or a centroid is not finite.</exception>
    public KMeansModel Fit(FeatureMatrix features, ReadOnlyMemory<float> sampleWeights = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        new KMeansOptions { K = Options.K }.ValidateFor(features);
        FeatureValidation.EnsureFinite(features.Data, features.Columns, nameof(features));
        FeatureValidation.EnsureDistancesFit(features.Data, features.Columns, nameof(features));
        if (!sampleWeights.IsEmpty)
        {
            FeatureValidation.EnsureWeights(sampleWeights.Span, features.Rows, nameof(sampleWeights));
        }

        _centroids = null;
        _seen = new double[Options.K];
        Steps = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        double tolerance = Options.Tolerance * DataStatistics.MeanColumnVariance(features.Data, features.Rows, features.Columns);
        var random = new Random(Options.Seed);
        int batchRows = Math.Min(Math.Max(Options.BatchSize, Options.K), features.Rows);
        var rows = new int[batchRows];
        bool converged = false;
        for (int step = 0; step < Options.MaxSteps && !converged; step++)
        {
            for (int r = 0; r < rows.Length; r++)
            {
                rows[r] = random.Next(features.Rows);
            }

            Array.Sort(rows);
            var batch = Gather(features, sampleWeights, rows);
            double shift = Step(batch, cancellationToken);
            converged = step > 0 && shift <= tolerance && Options.Tolerance > 0;
        }

        var data = new KMeansData(features.Memory, features.Rows, features.Columns, sampleWeights, Environment.ProcessorCount);
        float[] centroids = (float[])_centroids!.Clone();
        var labels = new int[features.Rows];
        var panel = CentroidPanel.Create(centroids, Options.K, features.Columns, CentroidPanel.PreferredLaneWidth(Options.K));
        LloydSolver.AssignFinal(data, centroids, labels, panel, cancellationToken);
        double inertia = Inertia.Compute(data, centroids, labels, cancellationToken);
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var result = new KMeansRun(centroids, ClusterLabels.From(labels, Options.K), inertia, Steps, converged);
        RunCheck.EnsureFinite(result, 0, "features' scale");
        return new KMeansModel(result, features.Columns, null, KMeansAlgorithm.Lloyd, 0, seconds);
    }

    /// <summary>An immutable model of the current centroids, labelling <paramref name="features"/> (for example the
    /// latest batch) to report sizes and inertia.</summary>
    /// <exception cref="InvalidOperationException">No batch has been seen yet.</exception>
    public KMeansModel ToModel(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        float[] centroids = (float[])(_centroids ?? throw new InvalidOperationException("Call PartialFit or Fit before ToModel.")).Clone();
        if (features.Columns != _dimensions)
        {
            throw new ArgumentException($"features has {features.Columns} columns; the model has {_dimensions}.", nameof(features));
        }

        FeatureValidation.EnsureFinite(features.Data, features.Columns, nameof(features));
        FeatureValidation.EnsureDistancesFit(features.Data, features.Columns, nameof(features));
        var data = new KMeansData(features.Memory, features.Rows, features.Columns, default, 1);
        var labels = new int[features.Rows];
        var panel = CentroidPanel.Create(centroids, Options.K, _dimensions, CentroidPanel.PreferredLaneWidth(Options.K));
        LloydSolver.AssignFinal(data, centroids, labels, panel, CancellationToken.None);
        double inertia = Inertia.Compute(data, centroids, labels, CancellationToken.None);
        return new KMeansModel(new KMeansRun(centroids, ClusterLabels.From(labels, Options.K), inertia, Steps, false), _dimensions, null, KMeansAlgorithm.Lloyd, 0, 0);
    }

    private double Step(KMeansData batch, CancellationToken cancellationToken)
    {
        int k = Options.K;
        int d = batch.Columns;
        if (_centroids is null)
        {
            if (batch.Rows < k)
            {
                throw new ArgumentException($"The first batch has {batch.Rows} rows; K is {k}.", nameof(batch));
            }

            _centroids = KMeansPlusPlusInit.Choose(batch, k, new Random(Options.Seed), cancellationToken);
            _dimensions = d;
        }

        var panel = CentroidPanel.Create(_centroids, k, d, CentroidPanel.PreferredLaneWidth(k));
        var sums = new double[k * d];
        var counts = new double[k];
        AssignmentKernel.AssignAndAccumulate(batch.Points.Span, batch.Weights.Span, panel, new int[batch.Rows], sums, counts);
        double shift = 0;
        for (int c = 0; c < k; c++)
        {
            if (counts[c] <= 0)
            {
                continue;
            }

            double total = _seen[c] + counts[c];
            for (int j = 0; j < d; j++)
            {
                int at = c * d + j;
                float moved = (float)(((_centroids[at] * _seen[c]) + sums[at]) / total);
                shift += ((double)moved - _centroids[at]) * ((double)moved - _centroids[at]);
                _centroids[at] = moved;
            }

            _seen[c] = total;
        }

        Steps++;
        return shift;
    }

    private static KMeansData Gather(FeatureMatrix features, ReadOnlyMemory<float> weights, int[] rows)
    {
        int d = features.Columns;
        var points = new float[rows.Length * d];
        var batchWeights = weights.IsEmpty ? Array.Empty<float>() : new float[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            features.Row(rows[r]).CopyTo(points.AsSpan(r * d, d));
            if (!weights.IsEmpty)
            {
                batchWeights[r] = weights.Span[rows[r]];
            }
        }

        return new KMeansData(points, rows.Length, d, batchWeights, threads: 1);
    }
}
