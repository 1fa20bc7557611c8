using Loyalty.Core.Numerics;

namespace Loyalty.Core.Recommendation;

/// <summary>A fitted latent-factor model: prediction μ + b_u + b_i + p_u·q_i (clipped to the rating scale for explicit
/// models). Produced by SVD, SVD++ (implicit term folded into p_u), the baseline predictor (no factors) and implicit
/// ALS (no mean or biases, no clipping). Immutable and safe to share between threads.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class FactorModel : IRecommendationModel
{
    private readonly float[] _itemNorms;

    internal FactorModel(
        string algorithm,
        IdIndex users,
        IdIndex items,
        BiasedFactors parameters,
        RatingScale? clip,
        SparseRows seen,
        FoldInSettings foldIn)
    {
        FoldIn = foldIn;
        Algorithm = algorithm;
        UserIndex = users;
        ItemIndex = items;
        Parameters = parameters;
        Clip = clip;
        Seen = seen;
        ItemPopularity = new int[items.Count];
        foreach (int item in seen.Columns)
        {
            ItemPopularity[item]++;
        }

        _itemNorms = new float[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            var q = parameters.Items.Row(i);
            _itemNorms[i] = MathF.Sqrt(DotKernels.Dot(q, q));
        }
    }

    /// <summary>The algorithm that produced the model ("svd", "svdpp", "baseline", "als").</summary>
    public string Algorithm { get; }

    /// <summary>Latent factors per user and item (0 for the baseline predictor).</summary>
    public int Factors => Parameters.Items.Columns;

    /// <summary>Users seen in training.</summary>
    public int UserCount => UserIndex.Count;

    /// <summary>Items seen in training.</summary>
    public int ItemCount => ItemIndex.Count;

    /// <summary>The training mean μ (0 for implicit models).</summary>
    public float GlobalMean => Parameters.Mean;

    /// <summary>The scale predictions are clipped to; null for implicit models (scores are preferences).</summary>
    public RatingScale? Clip { get; }

    internal FoldInSettings FoldIn { get; }

    internal IdIndex UserIndex { get; }

    internal IdIndex ItemIndex { get; }

    internal BiasedFactors Parameters { get; }

    internal SparseRows Seen { get; }

    internal int[] ItemPopularity { get; }

    /// <summary>Whether <paramref name="user"/> was seen in training.</summary>
    public bool IsKnownUser(string user) => UserIndex.TryGet(user, out _);

    /// <summary>Whether <paramref name="item"/> was seen in training.</summary>
    public bool IsKnownItem(string item) => ItemIndex.TryGet(item, out _);

    /// <inheritdoc />
    public float Predict(string user, string item)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        bool knownUser = UserIndex.TryGet(user, out int u);
        bool knownItem = ItemIndex.TryGet(item, out int i);
        float score = Parameters.Mean;
        if (knownUser)
        {
            score += Parameters.UserBias[u];
        }

        if (knownItem)
        {
            score += Parameters.ItemBias[i];
        }

        if (knownUser && knownItem)
        {
            score += DotKernels.Dot(Parameters.Users.Row(u), Parameters.Items.Row(i));
        }

        return ClipScore(score);
    }

    /// <inheritdoc />
    /// <remarks>Items are ranked by the unclipped score (clipping would tie the best ones), which is what is
    /// returned. An unknown user gets the most popular items (see <see cref="IsKnownUser"/>).</remarks>
    public IReadOnlyList<ScoredItem> RecommendTop(string user, int count)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!UserIndex.TryGet(user, out int u))
        {
            return MostPopular(count, ReadOnlySpan<int>.Empty);
        }

        return Rank(Parameters.Users.Row(u), Parameters.Mean + Parameters.UserBias[u], Seen.ColumnsOf(u), count);
    }

    /// <summary>The most popular items (most training interactions), excluding <paramref name="exclude"/> (sorted
    /// item indexes): the fallback for users the model does not know.</summary>
    internal IReadOnlyList<ScoredItem> MostPopular(int count, ReadOnlySpan<int> exclude)
    {
        var top = new TopN(Math.Min(count, ItemCount));
        int next = 0;
        for (int i = 0; i < ItemCount; i++)
        {
            if (next < exclude.Length && exclude[next] == i)
            {
                next++;
                continue;
            }

            top.Offer(ItemPopularity[i], i);
        }

        return ToScoredItems(top);
    }

    /// <summary>The <paramref name="count"/> items most similar to <paramref name="item"/> by cosine of their factor
    /// vectors, best first (the item itself excluded). Empty for an unknown item or a model without factors.</summary>
    public IReadOnlyList<ScoredItem> SimilarItems(string item, int count)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!ItemIndex.TryGet(item, out int target) || Factors == 0 || _itemNorms[target] == 0f)
        {
            return [];
        }

        var q = Parameters.Items.Row(target);
        var top = new TopN(Math.Min(count, ItemCount));
        for (int i = 0; i < ItemCount; i++)
        {
            if (i != target && _itemNorms[i] > 0f)
            {
                top.Offer(DotKernels.Dot(q, Parameters.Items.Row(i)) / (_itemNorms[i] * _itemNorms[target]), i);
            }
        }

        return ToScoredItems(top);
    }

    /// <summary>Scores every item for a user vector, skipping <paramref name="seen"/> (sorted), into a heap.</summary>
    internal IReadOnlyList<ScoredItem> Rank(ReadOnlySpan<float> userFactors, float offset, ReadOnlySpan<int> seen, int count)
    {
        var top = new TopN(Math.Min(count, ItemCount));
        var items = Parameters.Items;
        float[] itemBias = Parameters.ItemBias;
        int next = 0;
        for (int i = 0; i < ItemCount; i++)
        {
            if (next < seen.Length && seen[next] == i)
            {
                next++;
                continue;
            }

            top.Offer(offset + itemBias[i] + DotKernels.Dot(userFactors, items.Row(i)), i);
        }

        return ToScoredItems(top);
    }

    /// <summary>Places a new user in the factor space from a few (item, rating or strength) pairs by one ridge
    /// solve against the fixed item factors, without retraining. Unknown items are ignored.</summary>
    public FoldedInUser FoldInUser(IReadOnlyList<KeyValuePair<string, float>> interactions) =>
        FoldInSolver.Solve(this, interactions);

    /// <summary>Writes the model as a <c>loyalty.factor</c> model file (format version 1); <see cref="Load"/> restores
    /// one that predicts identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FactorModelFile.Write(this, stream);
    }

    /// <summary>Reads a model written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.factor</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static FactorModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FactorModelFile.Read(stream);
    }

    internal float ClipScore(float score) => Clip is { } c ? c.Clip(score) : score;

    private List<ScoredItem> ToScoredItems(TopN top)
    {
        var sorted = top.ToSortedArray();
        var result = new List<ScoredItem>(sorted.Length);
        foreach (var (score, index) in sorted)
        {
            result.Add(new ScoredItem(ItemIndex[index], score));
        }

        return result;
    }
}
