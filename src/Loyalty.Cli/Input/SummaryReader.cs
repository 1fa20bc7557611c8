using Loyalty.Core;
using Loyalty.Core.Lifetime;

namespace Loyalty.Cli.Input;

/// <summary>
/// Reads customer-summary CSV files: <c>id,frequency,recency,T[,monetary_value]</c> (the first column is the customer
/// id whatever its header), or the lifetimes names <c>x,t_x,T,zbar</c>; the discrete BG/BB form
/// <c>frequency,recency,periods[,weights]</c>; and sBG survivor counts. Files are read as <see cref="CsvTable"/>
/// (strict UTF-8, unique header names, every row with the header's field count).
/// </summary>
/// <remarks>Errors: <see cref="InputFormatException"/> naming the file, line and column;
/// <see cref="FileNotFoundException"/> for a missing file. Thread safety: stateless.</remarks>
internal static class SummaryReader
{
    /// <summary>Continuous-time summaries in file order.</summary>
    /// <exception cref="InputFormatException">A column is missing or a value is malformed.</exception>
    internal static List<CustomerSummary> ReadCustomers(string path) => ReadCustomers(CsvTable.Read(path));

    /// <inheritdoc cref="ReadCustomers(string)"/>
    internal static List<CustomerSummary> ReadCustomers(Stream stream, string file) => ReadCustomers(CsvTable.Read(stream, file));

    /// <summary>Whether the file has a monetary column.</summary>
    internal static bool HasMonetary(string path) => CsvTable.Read(path).Find("monetary_value", "zbar", "monetary") >= 0;

    /// <summary>BG/BB patterns: frequency, recency, periods and optional weights.</summary>
    /// <exception cref="InputFormatException">A column is missing or a value is malformed.</exception>
    internal static List<DiscretePattern> ReadDiscrete(string path) => ReadDiscrete(CsvTable.Read(path));

    /// <inheritdoc cref="ReadDiscrete(string)"/>
    internal static List<DiscretePattern> ReadDiscrete(Stream stream, string file) => ReadDiscrete(CsvTable.Read(stream, file));

    /// <summary>sBG survivor counts: the column named survivors/survived/alive, else the last column; rows are
    /// periods 0, 1, 2, ...</summary>
    /// <exception cref="InputFormatException">A value is malformed.</exception>
    internal static List<double> ReadSurvivors(string path) => ReadSurvivors(CsvTable.Read(path));

    /// <inheritdoc cref="ReadSurvivors(string)"/>
    internal static List<double> ReadSurvivors(Stream stream, string file) => ReadSurvivors(CsvTable.Read(stream, file));

    private static List<CustomerSummary> ReadCustomers(CsvTable table)
    {
        int frequency = table.Require("frequency", "x");
        int recency = table.Require("recency", "t_x");
        int age = table.Require("T");
        int money = table.Find("monetary_value", "zbar", "monetary");
        if (new[] { frequency, recency, age, money }.Contains(0))
        {
            throw InputFormatException.AtField(table.File, table.HeaderLine, table.Label(0), "the first column is the customer id; it cannot also be a data column");
        }

        var customers = new List<CustomerSummary>(table.Rows.Count);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (line, f) in table.Rows)
        {
            string id = table.Id(line, f, 0);
            if (!seen.TryAdd(id, line))
            {
                throw InputFormatException.AtField(table.File, line, table.Label(0), $"duplicate customer id {InputExcerpt.Quote(id)}, first on line {seen[id]}");
            }

            int x = table.NonNegativeInt(line, f, frequency);
            double tx = table.Double(line, f, recency);
            double t = table.Double(line, f, age);
            double m = money >= 0 ? table.Double(line, f, money) : 0;
            if (tx < 0 || tx > t)
            {
                throw InputFormatException.AtField(table.File, line, table.Label(recency), $"recency ({InputExcerpt.Quote(f[recency])}) must lie in [0, T] (T = {InputExcerpt.Quote(f[age])})");
            }

            customers.Add(new CustomerSummary(new CustomerId(id), x, tx, t, m));
        }

        return customers.Count > 0 ? customers : throw InputFormatException.AtLine(table.File, table.EndLine, "no data rows");
    }

    private static List<DiscretePattern> ReadDiscrete(CsvTable table)
    {
        int frequency = table.Require("frequency", "x");
        int recency = table.Require("recency", "t_x");
        int periods = table.Require("periods", "n");
        int weights = table.Find("weights", "weight", "count");
        var rows = new List<DiscretePattern>(table.Rows.Count);
        foreach (var (line, f) in table.Rows)
        {
            double w = weights >= 0 ? table.Double(line, f, weights) : 1;
            rows.Add(new DiscretePattern(
                table.NonNegativeInt(line, f, frequency),
                table.NonNegativeInt(line, f, recency),
                table.NonNegativeInt(line, f, periods),
                w));
        }

        return rows.Count > 0 ? rows : throw InputFormatException.AtLine(table.File, table.EndLine, "no data rows");
    }

    private static List<double> ReadSurvivors(CsvTable table)
    {
        int column = table.Find("survivors", "survived", "alive", "active");
        column = column >= 0 ? column : table.Header.Length - 1;
        var counts = table.Rows.Select(r => table.Double(r.Line, r.Fields, column)).ToList();
        return counts.Count > 1 ? counts : throw InputFormatException.AtLine(table.File, table.EndLine, "need at least two rows of survivor counts (period 0 and 1)");
    }
}
