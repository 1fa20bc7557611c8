using System.Globalization;
using Loyalty.Core.Collection;

namespace Loyalty.Core.Feedback.Uplift;

/// <summary>One row of an experiment file: its group label, outcome and covariate key.</summary>
/// <param name="Group">Value of the group (treatment) column.</param>
/// <param name="Outcome">Value of the outcome column.</param>
/// <param name="Stratum">Covariate columns joined with '|' (empty when none were asked for).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record ExperimentRow(string Group, double Outcome, string Stratum);

/// <summary>An experiment read from a CSV file: a group column (treatment labels), an outcome column and optional
/// covariate columns, ready to compare any two groups.</summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class ExperimentTable
{
    private ExperimentTable(string source, string groupColumn, IReadOnlyList<ExperimentRow> rows)
    {
        Source = source;
        GroupColumn = groupColumn;
        Rows = rows;
    }

    /// <summary>Where the rows came from (file path or a caller's name).</summary>
    public string Source { get; }

    /// <summary>Name of the group column.</summary>
    public string GroupColumn { get; }

    /// <summary>All rows, in file order.</summary>
    public IReadOnlyList<ExperimentRow> Rows { get; }

    /// <summary>Wraps rows that are already in memory.</summary>
    public static ExperimentTable FromRows(IEnumerable<ExperimentRow> rows, string source = "rows", string groupColumn = "group")
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new ExperimentTable(source, groupColumn, rows.ToList());
    }

    /// <summary>Reads a CSV file with a header row (RFC 4180 quoting).</summary>
    /// <param name="path">The file.</param>
    /// <param name="groupColumn">Column holding the group (treatment) label.</param>
    /// <param name="outcomeColumn">Column holding the numeric outcome.</param>
    /// <param name="stratumColumns">Covariate columns for per-stratum uplift models; none when null.</param>
    /// <param name="delimiter">Field delimiter.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A column is missing, or a row is short or has a non-numeric outcome; the
    /// message names the file, line and column.</exception>
    public static ExperimentTable ReadCsv(
        string path,
        string groupColumn,
        string outcomeColumn,
        IReadOnlyList<string>? stratumColumns = null,
        char delimiter = ',',
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(groupColumn);
        ArgumentNullException.ThrowIfNull(outcomeColumn);
        stratumColumns ??= [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new Utf8RecordReader(stream, delimiter);
        if (!reader.Read())
        {
            throw new FormatException($"{path}: the file is empty (a header row is needed).");
        }

        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.FieldString(i)).ToList();
        var missing = new[] { groupColumn, outcomeColumn }.Concat(stratumColumns).Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"{path}: column(s) {string.Join(", ", missing.Select(c => $"'{c}'"))} not found; the header has {string.Join(", ", header)}.");
        }

        int group = header.IndexOf(groupColumn);
        int outcome = header.IndexOf(outcomeColumn);
        int[] strata = [.. stratumColumns.Select(c => header.IndexOf(c))];
        int needed = Math.Max(Math.Max(group, outcome), strata.DefaultIfEmpty(0).Max()) + 1;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<ExperimentRow>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.FieldCount < needed)
            {
                throw new FormatException($"{path}: line {reader.LineNumber}: {reader.FieldCount} fields, expected at least {needed}.");
            }

            if (!double.TryParse(reader.Field(outcome), NumberStyles.Float, CultureInfo.InvariantCulture, out double y) || !double.IsFinite(y))
            {
                throw new FormatException($"{path}: line {reader.LineNumber}, column '{outcomeColumn}': '{reader.FieldString(outcome)}' is not a finite number.");
            }

            string label = Intern(labels, reader.FieldString(group));
            string stratum = strata.Length == 0 ? string.Empty : Intern(labels, string.Join('|', strata.Select(i => reader.FieldString(i))));
            rows.Add(new ExperimentRow(label, y, stratum));
        }

        return new ExperimentTable(path, groupColumn, rows);
    }

    /// <summary>Mean outcome over all rows; 0 when there are none.</summary>
    public double OverallMean => Rows.Count == 0 ? 0 : Rows.Average(r => r.Outcome);

    /// <summary>Rows of one group.</summary>
    public int CountOf(string group) => Rows.Count(r => r.Group == group);

    /// <summary>The treated and control rows as uplift observations (other groups left out).</summary>
    /// <exception cref="ArgumentException">A label does not occur in the group column, or both labels are equal.</exception>
    public IReadOnlyList<UpliftObservation> Subset(string treatment, string control)
    {
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(control);
        var errors = new List<string>();
        if (treatment == control)
        {
            errors.Add($"treatment and control are both '{treatment}'.");
        }

        foreach (var (name, label) in new[] { ("treatment", treatment), ("control", control) })
        {
            if (!Rows.Any(r => r.Group == label))
            {
                var seen = Rows.Select(r => r.Group).Distinct(StringComparer.Ordinal).Take(20);
                errors.Add($"{name} value '{label}' does not occur in column '{GroupColumn}' (values: {string.Join(", ", seen)}).");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"{Source}: " + string.Join(" ", errors));
        }

        return Rows.Where(r => r.Group == treatment || r.Group == control)
            .Select(r => new UpliftObservation(r.Stratum, r.Group == treatment, r.Outcome)).ToList();
    }

    /// <summary>The difference in mean outcome, treated minus control, with a confidence interval.</summary>
    /// <exception cref="ArgumentException">As <see cref="Subset"/>, or a group has fewer than 2 rows.</exception>
    public TreatmentEffect Compare(string treatment, string control, double confidence = 0.95)
    {
        var subset = Subset(treatment, control);
        var t = new OutcomeMoments();
        var c = new OutcomeMoments();
        foreach (var o in subset)
        {
            (o.Treated ? t : c).Add(o.Outcome);
        }

        return TreatmentEffect.Compare(t, c, confidence);
    }

    private static string Intern(Dictionary<string, string> pool, string value)
    {
        if (!pool.TryGetValue(value, out var existing))
        {
            pool[value] = value;
            existing = value;
        }

        return existing;
    }
}
