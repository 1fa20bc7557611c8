using System.Globalization;

namespace Loyalty.Core.Feedback;

/// <summary>
/// Cohort retention table: rows are acquisition cohorts (the calendar month of a customer's first purchase),
/// columns are months since acquisition, cells the share of the cohort that purchased in that month.
/// </summary>
/// <remarks>Column 0 is 1 by construction. Months after <see cref="LastMonth"/> are not observed, so a row is as long
/// as its cohort could be followed; nothing is extrapolated.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed class CohortRetentionTable
{
    private readonly double[][] _rates;

    private CohortRetentionTable(IReadOnlyList<DateOnly> cohorts, IReadOnlyList<int> sizes, double[][] rates, DateOnly lastMonth)
    {
        Cohorts = cohorts;
        CohortSizes = sizes;
        _rates = rates;
        LastMonth = lastMonth;
    }

    /// <summary>First day of each cohort's month, oldest first.</summary>
    public IReadOnlyList<DateOnly> Cohorts { get; }

    /// <summary>Customers acquired in each cohort.</summary>
    public IReadOnlyList<int> CohortSizes { get; }

    /// <summary>First day of the last month with a purchase in the data.</summary>
    public DateOnly LastMonth { get; }

    /// <summary>Share of cohort <paramref name="cohort"/> (an index into <see cref="Cohorts"/>) that purchased
    /// <paramref name="monthsSince"/> months after acquisition.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cohort index or the month is outside the table.</exception>
    public double Rate(int cohort, int monthsSince)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cohort);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cohort, _rates.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(monthsSince);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(monthsSince, _rates[cohort].Length);
        return _rates[cohort][monthsSince];
    }

    /// <summary>Months observed for cohort <paramref name="cohort"/> (including month 0).</summary>
    public int Periods(int cohort) => _rates[cohort].Length;

    /// <summary>Builds the table from purchase events (<see cref="FeedbackKind.Redeemed"/> and
    /// <see cref="FeedbackKind.Repurchased"/>). No purchases give an empty table.</summary>
    /// <param name="events">Events.</param>
    public static CohortRetentionTable Build(IEnumerable<FeedbackEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var monthsByCustomer = new Dictionary<CustomerId, SortedSet<int>>();
        foreach (var e in FeedbackMetrics.Purchases(events))
        {
            if (!monthsByCustomer.TryGetValue(e.CustomerId, out var months))
            {
                months = [];
                monthsByCustomer[e.CustomerId] = months;
            }

            months.Add(MonthIndex(e.Timestamp));
        }

        if (monthsByCustomer.Count == 0)
        {
            return new CohortRetentionTable([], [], [], default);
        }

        int last = monthsByCustomer.Values.Max(m => m.Max);
        var byCohort = monthsByCustomer.Values.GroupBy(m => m.Min).OrderBy(g => g.Key).ToList();
        var cohorts = new List<DateOnly>(byCohort.Count);
        var sizes = new List<int>(byCohort.Count);
        var rates = new double[byCohort.Count][];
        for (int i = 0; i < byCohort.Count; i++)
        {
            int cohortMonth = byCohort[i].Key;
            var members = byCohort[i].ToList();
            var row = new double[last - cohortMonth + 1];
            for (int k = 0; k < row.Length; k++)
            {
                row[k] = (double)members.Count(m => m.Contains(cohortMonth + k)) / members.Count;
            }

            cohorts.Add(FromIndex(cohortMonth));
            sizes.Add(members.Count);
            rates[i] = row;
        }

        return new CohortRetentionTable(cohorts, sizes, rates, FromIndex(last));
    }

    /// <summary>The table as text, one cohort a line (for logs and the CLI).</summary>
    public override string ToString() =>
        string.Join(Environment.NewLine, Cohorts.Select((c, i) =>
            c.ToString("yyyy-MM", CultureInfo.InvariantCulture) + " (" + CohortSizes[i].ToString(CultureInfo.InvariantCulture) + "): " +
            string.Join(' ', _rates[i].Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))));

    private static int MonthIndex(DateTime t) => (t.Year * 12) + t.Month - 1;

    private static DateOnly FromIndex(int index) => new(index / 12, (index % 12) + 1, 1);
}
