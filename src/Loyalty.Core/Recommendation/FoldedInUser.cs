using Loyalty.Core.Numerics;

namespace Loyalty.Core.Recommendation;

/// <summary>A user who was not in training, placed in the model's factor space from a few interactions (see
/// <see cref="FactorModel.FoldInUser"/>). The model itself is not changed.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class FoldedInUser
{
    private readonly FactorModel _model;
    private readonly float[] _factors;
    private readonly int[] _seen;

    internal FoldedInUser(FactorModel model, float[] factors, float bias, int[] seen)
    {
        _model = model;
        _factors = factors;
        Bias = bias;
        _seen = seen;
    }

    /// <summary>The user's fitted bias b_u (0 for models without biases).</summary>
    public float Bias { get; }

    /// <summary>The user's fitted factor vector.</summary>
    public IReadOnlyList<float> Factors => Array.AsReadOnly(_factors);

    /// <summary>Predicted rating or preference for <paramref name="item"/>; an unknown item gets μ + b_u.</summary>
    public float Predict(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var p = _model.Parameters;
        float score = p.Mean + Bias;
        if (_model.ItemIndex.TryGet(item, out int i))
        {
            score += p.ItemBias[i] + DotKernels.Dot(_factors, p.Items.Row(i)[.._factors.Length]);
        }

        return _model.ClipScore(score);
    }

    /// <summary>The best <paramref name="count"/> items, excluding those given to the fold-in, best first.</summary>
    public IReadOnlyList<ScoredItem> RecommendTop(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var padded = new float[_model.Parameters.Items.Stride];
        _factors.CopyTo(padded, 0);
        return _model.Rank(padded, _model.Parameters.Mean + Bias, _seen, count);
    }
}
