using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>Surprise's SVD procedure as its documentation states it (the SGD update rules, the visiting order and the
/// clipped estimate), written here independently in double precision as a test oracle for the sequential schedule. The initial factors are drawn exactly as <see cref="MatrixFactorizationRecommender"/>
/// draws them (user rows, then item rows, from <c>new Random(seed)</c>), so both start from the same point.</summary>
internal sealed class SurpriseSvdTranscription
{
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);
    private readonly double[][] _p;
    private readonly double[][] _q;
    private readonly double[] _bu;
    private readonly double[] _bi;
    private readonly double _mean;
    private readonly RatingScale _scale;

    internal SurpriseSvdTranscription(IReadOnlyList<Interaction> ratings, MatrixFactorizationOptions o)
    {
        _scale = o.Scale;
        var byUser = new List<List<(int Item, double Rating)>>();
        foreach (var x in ratings)
        {
            if (!_users.TryGetValue(x.User, out int u))
            {
                _users[x.User] = u = _users.Count;
                byUser.Add([]);
            }

            if (!_items.TryGetValue(x.Item, out int i))
            {
                _items[x.Item] = i = _items.Count;
            }

            byUser[u].Add((i, x.Value));
        }

        _mean = ratings.Average(x => (double)x.Value);
        var factors = new FactorMatrix(_users.Count, o.Factors);
        var random = new Random(o.Seed);
        factors.FillNormal(random, 0f, o.InitStdDev);
        _p = [.. Enumerable.Range(0, _users.Count).Select(u => factors.Logical(u).ToArray().Select(f => (double)f).ToArray())];
        factors = new FactorMatrix(_items.Count, o.Factors);
        factors.FillNormal(random, 0f, o.InitStdDev);
        _q = [.. Enumerable.Range(0, _items.Count).Select(i => factors.Logical(i).ToArray().Select(f => (double)f).ToArray())];
        _bu = new double[_users.Count];
        _bi = new double[_items.Count];
        double lr = o.LearningRate, reg = o.Regularization;
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            for (int u = 0; u < byUser.Count; u++)
            {
                foreach (var (i, r) in byUser[u])
                {
                    double dot = 0;
                    for (int f = 0; f < o.Factors; f++)
                    {
                        dot += _q[i][f] * _p[u][f];
                    }

                    double err = r - (_mean + _bu[u] + _bi[i] + dot);
                    _bu[u] += lr * (err - (reg * _bu[u]));
                    _bi[i] += lr * (err - (reg * _bi[i]));
                    for (int f = 0; f < o.Factors; f++)
                    {
                        double puf = _p[u][f];
                        double qif = _q[i][f];
                        _p[u][f] += lr * ((err * qif) - (reg * puf));
                        _q[i][f] += lr * ((err * puf) - (reg * qif));
                    }
                }
            }
        }
    }

    internal double Predict(string user, string item)
    {
        bool knownUser = _users.TryGetValue(user, out int u);
        bool knownItem = _items.TryGetValue(item, out int i);
        double est = _mean + (knownUser ? _bu[u] : 0) + (knownItem ? _bi[i] : 0);
        if (knownUser && knownItem)
        {
            for (int f = 0; f < _p[u].Length; f++)
            {
                est += _q[i][f] * _p[u][f];
            }
        }

        return Math.Clamp(est, _scale.Min, _scale.Max);
    }
}
