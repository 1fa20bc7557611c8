using Loyalty.Core.Features;

namespace Loyalty.Cli.Infrastructure;

/// <summary>Writes summaries as the lifetimes-style CSV the other commands read back.</summary>
internal static class SummaryCsvWriter
{
    internal static void Write(TextWriter writer, RfmResult result)
    {
        bool holdout = result.Window.ObservationEnd is not null;
        writer.Write("customer_id,frequency,recency,T,monetary_value");
        writer.WriteLine(holdout ? ",frequency_holdout,duration_holdout,monetary_value_holdout" : string.Empty);
        foreach (var s in result.Summaries)
        {
            writer.Write(Escape(s.CustomerId.Value));
            writer.Write(',');
            writer.Write(s.Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(CommonOptions.Number(s.Recency));
            writer.Write(',');
            writer.Write(CommonOptions.Number(s.T));
            writer.Write(',');
            writer.Write(CommonOptions.Number(s.MonetaryValue));
            if (holdout && s.Holdout is { } h)
            {
                writer.Write(',');
                writer.Write(h.Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(CommonOptions.Number(h.Duration));
                writer.Write(',');
                writer.Write(CommonOptions.Number(h.MonetaryValue));
            }

            writer.WriteLine();
        }

        writer.Flush();
    }

    private static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
