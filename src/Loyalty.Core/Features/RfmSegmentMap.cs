using Loyalty.Core.Validation;

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
        var v = new OptionsValidator(nameof(RfmSegmentMap));
        for (int k = 0; k < rules.Count; k++)
        {
            var checks = v.Nested($"rules[{k}]");
            var rule = rules[k];
            bool inRange = checks.Require(rule.RecencyMin >= 1 && rule.RecencyMax <= 5 && rule.RecencyMin <= rule.RecencyMax, nameof(RfmSegmentRule.RecencyMin),
                    $"must be <= RecencyMax within 1..5 (was {rule.RecencyMin}..{rule.RecencyMax} for '{rule.Name}')")
                & checks.Require(rule.FrequencyMin >= 1 && rule.FrequencyMax <= 5 && rule.FrequencyMin <= rule.FrequencyMax, nameof(RfmSegmentRule.FrequencyMin),
                    $"must be <= FrequencyMax within 1..5 (was {rule.FrequencyMin}..{rule.FrequencyMax} for '{rule.Name}')");
            if (!inRange)
            {
                continue;
            }

            checks.NotBlank(nameof(RfmSegmentRule.Name), rule.Name);
            for (int r = rule.RecencyMin; r <= rule.RecencyMax; r++)
            {
                for (int f = rule.FrequencyMin; f <= rule.FrequencyMax; f++)
                {
                    ref string cell = ref _cells[Index(r, f)];
                    checks.Require(cell is null, nameof(RfmSegmentRule.Name), $"must not overlap another rule (R={r}, F={f} is named both '{cell}' and '{rule.Name}')");
                    cell = rule.Name;
                }
            }
        }

        for (int r = 1; r <= 5; r++)
        {
            for (int f = 1; f <= 5; f++)
            {
                v.Require(_cells[Index(r, f)] is not null, nameof(rules), $"must cover every cell (R={r}, F={f} has no segment)");
            }
        }

        v.ThrowIfInvalid(nameof(rules));
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
