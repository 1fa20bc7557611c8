using Loyalty.Core.Persistence;

namespace Loyalty.Core.Feedback.Bandits;

/// <summary>Two numbers per (segment, arm) — successes and failures, or plays and reward sum — created on first use
/// with the policy's prior.</summary>
internal sealed class SegmentStatistics(double first, double second, bool secondNonNegative = false)
{
    private readonly Dictionary<string, Dictionary<string, double[]>> _bySegment = new(StringComparer.Ordinal);

    /// <summary>Bumped on every change of a segment, so cached probabilities know when they are stale.</summary>
    internal Dictionary<string, long> Versions { get; } = new(StringComparer.Ordinal);

    internal double[] Get(string segment, string arm)
    {
        var arms = Segment(segment);
        if (!arms.TryGetValue(arm, out var stats))
        {
            stats = [first, second];
            arms[arm] = stats;
        }

        return stats;
    }

    internal Dictionary<string, double[]> Segment(string segment)
    {
        if (!_bySegment.TryGetValue(segment, out var arms))
        {
            arms = new Dictionary<string, double[]>(StringComparer.Ordinal);
            _bySegment[segment] = arms;
        }

        return arms;
    }

    internal void Touch(string segment) => Versions[segment] = Versions.GetValueOrDefault(segment) + 1;

    internal long Version(string segment) => Versions.GetValueOrDefault(segment);

    internal void Forget(string arm)
    {
        foreach (var (segment, arms) in _bySegment)
        {
            if (arms.Remove(arm))
            {
                Touch(segment);
            }
        }
    }

    internal Dictionary<string, Dictionary<string, double[]>> Export() =>
        _bySegment.ToDictionary(s => s.Key, s => s.Value.ToDictionary(a => a.Key, a => (double[])a.Value.Clone(), StringComparer.Ordinal), StringComparer.Ordinal);

    internal void Import(Dictionary<string, Dictionary<string, double[]>> statistics)
    {
        foreach (var (segment, arms) in statistics)
        {
            foreach (var (arm, values) in arms)
            {
                if (values is not { Length: 2 } || !double.IsFinite(values[0]) || !double.IsFinite(values[1]))
                {
                    throw new FormatException($"Bandit state: statistics of arm {ModelFileText.Excerpt(arm)} in segment {ModelFileText.Excerpt(segment)} must be two finite numbers.");
                }

                // Counts (plays, successes) and, where rewards are in [0, 1], sums and failures cannot be negative;
                // refusing them here keeps a bad state from loading and failing later at Choose.
                if (values[0] < 0 || (secondNonNegative && values[1] < 0))
                {
                    throw new FormatException($"Bandit state: statistics of arm {ModelFileText.Excerpt(arm)} in segment {ModelFileText.Excerpt(segment)} are negative ({values[0]}, {values[1]}); counts and sums must be 0 or more.");
                }

                Segment(segment)[arm] = [values[0], values[1]];
            }

            Touch(segment);
        }
    }
}
