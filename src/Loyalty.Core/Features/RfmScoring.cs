namespace Loyalty.Core.Features;

/// <summary>A customer's RFM quintile scores and named segment.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Recency">1–5; 5 = bought most recently.</param>
/// <param name="Frequency">1–5; 5 = most repeat purchases.</param>
/// <param name="Monetary">1–5; 5 = highest mean repeat spend.</param>
/// <param name="Segment">The segment name from the map.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct RfmScore(CustomerId CustomerId, int Recency, int Frequency, int Monetary, string Segment)
{
    /// <summary>The classic three-digit code, e.g. "545".</summary>
    public string Code => $"{Recency}{Frequency}{Monetary}";
}

/// <summary>
/// Scores customers 1–5 on recency, frequency and monetary value by quintiles of the scored population.
/// </summary>
/// <remarks>
/// Recency is scored on the time since the last purchase (T − t_x): the most recent fifth scores 5. Frequency and
/// monetary value score higher for larger values. Ties are broken deterministically by order of appearance
/// (as pandas' <c>rank(method="first")</c> before <c>qcut</c>): the i-th customer in rank order (0-based, of n)
/// scores ⌊5i/n⌋ + 1. Equal values may therefore straddle a quintile boundary; that is what keeps the five groups
/// equal in size when many customers share x = 0.
/// <para>Thread safety: stateless; every member is safe to call from several threads at once.</para>
/// </remarks>
public static class RfmScoring
{
    /// <summary>Scores every customer and names their segment.</summary>
    /// <param name="summaries">The customers, in the order that breaks ties.</param>
    /// <param name="map">The segment map; <see cref="RfmSegmentMap.Default"/> when null.</param>
    /// <returns>Scores in the input order.</returns>
    /// <exception cref="ArgumentException">A summary has a non-finite or negative field (the row is named).</exception>
    public static IReadOnlyList<RfmScore> Score(IReadOnlyList<CustomerSummary> summaries, RfmSegmentMap? map = null)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        map ??= RfmSegmentMap.Default;
        int n = summaries.Count;
        var sinceLast = new double[n];
        var frequency = new double[n];
        var monetary = new double[n];
        for (int i = 0; i < n; i++)
        {
            var s = summaries[i];
            if (!double.IsFinite(s.Recency) || !double.IsFinite(s.T) || !double.IsFinite(s.MonetaryValue) || s.Recency < 0 || s.Recency > s.T || s.Frequency < 0)
            {
                throw new ArgumentException(
                    $"summaries[{i}] (customer '{s.CustomerId}') is invalid: frequency {s.Frequency}, recency {s.Recency}, T {s.T}, monetary {s.MonetaryValue}; need 0 ≤ recency ≤ T and finite values.",
                    nameof(summaries));
            }

            // Negated so that "larger is better" holds for all three dimensions.
            sinceLast[i] = -(s.T - s.Recency);
            frequency[i] = s.Frequency;
            monetary[i] = s.MonetaryValue;
        }

        var r = Quintiles(sinceLast);
        var f = Quintiles(frequency);
        var m = Quintiles(monetary);
        var scores = new RfmScore[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = new RfmScore(summaries[i].CustomerId, r[i], f[i], m[i], map.Name(r[i], f[i]));
        }

        return scores;
    }

    /// <summary>Quintile scores 1–5 of <paramref name="values"/>, larger values scoring higher, ties by position.</summary>
    internal static int[] Quintiles(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        // A stable sort by value: ties keep the order of appearance.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var scores = new int[n];
        for (int rank = 0; rank < n; rank++)
        {
            scores[order[rank]] = (int)((5L * rank) / n) + 1;
        }

        return scores;
    }
}
