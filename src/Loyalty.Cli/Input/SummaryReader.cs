using Loyalty.Core;
using Loyalty.Core.Lifetime;

namespace Loyalty.Cli.Input;

/// <summary>
/// Reads customer-summary CSV files: <c>id,frequency,recency,T[,monetary_value]</c> (the first column is the customer
/// id whatever its header), or the lifetimes names <c>x,t_x,T,zbar</c>; the discrete BG/BB form
/// <c>frequency,recency,periods[,weights]</c>; and sBG survivor counts.
/// </summary>
internal static class SummaryReader
{
    /// <summary>Continuous-time summaries in file order.</summary>
    /// <exception cref="FormatException">A column is missing or a value is malformed; the message names the file,
    /// line and column.</exception>
    internal static List<CustomerSummary> ReadCustomers(string path)
    {
        var table = CsvTable.Read(path);
        int frequency = table.Require("frequency", "x");
        int recency = table.Require("recency", "t_x");
        int age = table.Require("T");
        int money = table.Find("monetary_value", "zbar", "monetary");
        if (new[] { frequency, recency, age, money }.Contains(0))
        {
            throw new FormatException($"{path}: the first column is the customer id; '{table.Header[0]}' cannot also be a data column.");
        }

        var customers = new List<CustomerSummary>(table.Rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, f) in table.Rows)
        {
            if (f[0].Length == 0)
            {
                throw new FormatException($"{path}:{line}, column '{table.Header[0]}': empty customer id.");
            }

            if (!seen.Add(f[0]))
            {
                throw new FormatException($"{path}:{line}, column '{table.Header[0]}': duplicate customer id '{f[0]}'.");
            }

            int x = table.NonNegativeInt(line, f, frequency);
            double tx = table.Double(line, f, recency);
            double t = table.Double(line, f, age);
            double m = money >= 0 ? table.Double(line, f, money) : 0;
            if (tx < 0 || tx > t)
            {
                throw new FormatException($"{path}:{line}, column '{table.Header[recency]}': recency ({f[recency]}) must lie in [0, T] (T = {f[age]}).");
            }

            customers.Add(new CustomerSummary(new CustomerId(f[0]), x, tx, t, m));
        }

        return customers.Count > 0 ? customers : throw new FormatException($"{path}: no data rows.");
    }

    /// <summary>Whether the file has a monetary column.</summary>
    internal static bool HasMonetary(string path) => CsvTable.Read(path).Find("monetary_value", "zbar", "monetary") >= 0;

    /// <summary>BG/BB patterns: frequency, recency, periods and optional weights.</summary>
    /// <exception cref="FormatException">A column is missing or a value is malformed.</exception>
    internal static List<DiscretePattern> ReadDiscrete(string path)
    {
        var table = CsvTable.Read(path);
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

        return rows.Count > 0 ? rows : throw new FormatException($"{path}: no data rows.");
    }

    /// <summary>sBG survivor counts: the column named survivors/survived/alive, else the last column; rows are
    /// periods 0, 1, 2, ...</summary>
    /// <exception cref="FormatException">A value is malformed.</exception>
    internal static List<double> ReadSurvivors(string path)
    {
        var table = CsvTable.Read(path);
        int column = table.Find("survivors", "survived", "alive", "active");
        column = column >= 0 ? column : table.Header.Length - 1;
        var counts = table.Rows.Select(r => table.Double(r.Line, r.Fields, column)).ToList();
        return counts.Count > 1 ? counts : throw new FormatException($"{path}: need at least two rows of survivor counts (period 0 and 1).");
    }
}
