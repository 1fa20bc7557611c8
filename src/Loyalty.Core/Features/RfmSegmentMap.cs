namespace Loyalty.Core.Features;

/// <summary>One rule of an <see cref="RfmSegmentMap"/>: recency and frequency score ranges (inclusive) and a name.</summary>
/// <param name="RecencyMin">Lowest recency score, 1–5.</param>
/// <param name="RecencyMax">Highest recency score, 1–5.</param>
/// <param name="FrequencyMin">Lowest frequency score, 1–5.</param>
/// <param name="FrequencyMax">Highest frequency score, 1–5.</param>
/// <param name="Name">The segment's name.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record RfmSegmentRule(int RecencyMin, int RecencyMax, int FrequencyMin, int FrequencyMax, string Name);

/// <summary>
/// Names customers from their recency and frequency scores. The map must name every one of the 25 (R, F) cells
/// exactly once; an incomplete or overlapping map is refused with every faulty cell listed.
/// </summary>
/// <remarks>The default is the common recency × frequency map (5 = best on both axes): Champions, Loyal,
/// Potential Loyalists, New, Promising, Need Attention, About to Sleep, At Risk, Can't Lose Them, Hibernating.
/// Maps differ between sources (some score 1 as best); pass your own rules to follow another convention.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed class RfmSegmentMap
{
    private readonly string[] _cells = new string[25];

    /// <summary>Creates a map from rules.</summary>
    /// <exception cref="ArgumentException">A rule is out of range or empty, or some cells are named twice or not at
    /// all; the message lists every problem.</exception>
    public RfmSegmentMap(IReadOnlyList<RfmSegmentRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<string>();
        for (int k = 0; k < rules.Count; k++)
        {
            var rule = rules[k];
            if (rule.RecencyMin < 1 || rule.RecencyMax > 5 || rule.RecencyMin > rule.RecencyMax
                || rule.FrequencyMin < 1 || rule.FrequencyMax > 5 || rule.FrequencyMin > rule.FrequencyMax)
            {
                errors.Add($"rules[{k}] ('{rule.Name}'): score ranges must lie within 1..5 with min ≤ max.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                errors.Add($"rules[{k}]: the name is empty.");
            }

            for (int r = rule.RecencyMin; r <= rule.RecencyMax; r++)
            {
                for (int f = rule.FrequencyMin; f <= rule.FrequencyMax; f++)
                {
                    ref string cell = ref _cells[Index(r, f)];
                    if (cell is not null)
                    {
                        errors.Add($"R={r}, F={f} is named both '{cell}' and '{rule.Name}'.");
                    }

                    cell = rule.Name;
                }
            }
        }

        for (int r = 1; r <= 5; r++)
        {
            for (int f = 1; f <= 5; f++)
            {
                if (_cells[Index(r, f)] is null)
                {
                    errors.Add($"R={r}, F={f} has no segment.");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid RFM segment map:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(rules));
        }

        Rules = rules.ToArray();
    }

    /// <summary>The rules, as given.</summary>
    public IReadOnlyList<RfmSegmentRule> Rules { get; }

    /// <summary>The common recency × frequency map.</summary>
    public static RfmSegmentMap Default { get; } = new(
    [
        new(1, 2, 1, 2, "Hibernating"),
        new(1, 2, 3, 4, "At Risk"),
        new(1, 2, 5, 5, "Can't Lose Them"),
        new(3, 3, 1, 2, "About to Sleep"),
        new(3, 3, 3, 3, "Need Attention"),
        new(3, 4, 4, 5, "Loyal"),
        new(4, 4, 1, 1, "Promising"),
        new(5, 5, 1, 1, "New"),
        new(4, 5, 2, 3, "Potential Loyalists"),
        new(5, 5, 4, 5, "Champions"),
    ]);

    /// <summary>The segment for recency score <paramref name="recency"/> and frequency score <paramref name="frequency"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A score outside 1–5.</exception>
    public string Name(int recency, int frequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recency, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequency, 5);
        return _cells[Index(recency, frequency)];
    }

    private static int Index(int recency, int frequency) => ((recency - 1) * 5) + frequency - 1;
}
