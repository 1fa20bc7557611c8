namespace Loyalty.Core.Recommendation;

/// <summary>A fitted neighbourhood model. Immutable and safe to share between threads; <see cref="Save"/> and
/// <see cref="Load"/> persist it.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class KnnModel : IRecommendationModel
{
    private readonly RatingData _data;
    private readonly SparseRows _byItem;
    private readonly float[] _similarity;
    private readonly float[] _userMeans;
    private readonly float[] _itemMeans;
    private readonly KnnOptions _options;

    internal KnnModel(RatingData data, SparseRows byItem, float[] similarity, KnnOptions options)
    {
        _data = data;
        _byItem = byItem;
        _similarity = similarity;
        _options = options;
        _userMeans = Means(data.ByUser);
        _itemMeans = Means(byItem);
    }

    /// <summary>The settings the model was fitted with.</summary>
    public KnnOptions Options => _options;

    internal RatingData Data => _data;

    /// <summary>The similarity matrix, row-major, <see cref="SimilarityRows"/> × <see cref="SimilarityRows"/>.</summary>
    internal float[] Similarity => _similarity;

    /// <summary>Users (user-based) or items (item-based): the side the similarities are between.</summary>
    internal int SimilarityRows => _options.UserBased ? _data.Users.Count : _data.Items.Count;

    /// <summary>Writes the model as a <c>loyalty.knn</c> model file (format version 1): options, keys, training
    /// ratings and similarities. <see cref="Load"/> restores a model that predicts identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        KnnModelFile.Write(this, stream);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.knn</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static KnnModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return KnnModelFile.Read(stream);
    }

    /// <summary>Whether <paramref name="user"/> was seen in training.</summary>
    public bool IsKnownUser(string user) => _data.Users.TryGet(user, out _);

    /// <summary>Whether <paramref name="item"/> was seen in training.</summary>
    public bool IsKnownItem(string item) => _data.Items.TryGet(item, out _);

    /// <inheritdoc />
    /// <remarks>Unknown user: the item's mean (or the global mean); unknown item: the user's mean.</remarks>
    public float Predict(string user, string item)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        bool knownUser = _data.Users.TryGet(user, out int u);
        bool knownItem = _data.Items.TryGet(item, out int i);
        float estimate = (knownUser, knownItem) switch
        {
            (true, true) => Estimate(u, i),
            (true, false) => _userMeans[u],
            (false, true) => _itemMeans[i],
            _ => _data.Mean,
        };
        return _options.Scale.Clip(estimate);
    }

    /// <inheritdoc />
    /// <remarks>Scores every unseen item with <see cref="Predict"/>; an unknown user gets the most popular items.</remarks>
    public IReadOnlyList<ScoredItem> RecommendTop(string user, int count)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var top = new TopN(Math.Min(count, _data.Items.Count));
        bool known = _data.Users.TryGet(user, out int u);
        var seen = known ? _data.ByUser.ColumnsOf(u) : ReadOnlySpan<int>.Empty;
        int next = 0;
        for (int i = 0; i < _data.Items.Count; i++)
        {
            if (next < seen.Length && seen[next] == i)
            {
                next++;
                continue;
            }

            top.Offer(known ? Estimate(u, i) : _byItem.Length(i), i);
        }

        return [.. top.ToSortedArray().Select(x => new ScoredItem(_data.Items[x.Index], x.Score))];
    }

    /// <summary>KNNWithMeans for a known user and item.</summary>
    private float Estimate(int u, int i)
    {
        // Item-based: neighbours are the user's rated items j, similarity sim(i, j), centred by item means.
        // User-based: neighbours are the item's raters v, similarity sim(u, v), centred by user means.
        bool userBased = _options.UserBased;
        var neighbours = userBased ? _byItem.ColumnsOf(i) : _data.ByUser.ColumnsOf(u);
        var ratings = userBased ? _byItem.ValuesOf(i) : _data.ByUser.ValuesOf(u);
        int self = userBased ? u : i;
        float[] means = userBased ? _userMeans : _itemMeans;
        int n = means.Length;
        var top = new TopN(_options.K);
        for (int m = 0; m < neighbours.Length; m++)
        {
            if (neighbours[m] != self)
            {
                top.Offer(_similarity[(self * n) + neighbours[m]], m);
            }
        }

        double weighted = 0;
        double total = 0;
        int used = 0;
        foreach (var (sim, m) in top.ToSortedArray())
        {
            if (sim > 0f)
            {
                weighted += sim * (ratings[m] - means[neighbours[m]]);
                total += sim;
                used++;
            }
        }

        float baseMean = means[self];
        return used >= _options.MinK && total > 0 ? (float)(baseMean + (weighted / total)) : baseMean;
    }

    private static float[] Means(SparseRows rows)
    {
        var means = new float[rows.RowCount];
        for (int r = 0; r < rows.RowCount; r++)
        {
            var values = rows.ValuesOf(r);
            double sum = 0;
            foreach (float v in values)
            {
                sum += v;
            }

            means[r] = values.Length == 0 ? 0f : (float)(sum / values.Length);
        }

        return means;
    }
}
