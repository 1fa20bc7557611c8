using Loyalty.Cli.Input;

namespace Loyalty.Core.Tests.Lifetime;

/// <summary>The bundled CDNOW calibration summaries (2,357 customers, weeks), read once.</summary>
internal static class CdnowData
{
    private static readonly Lazy<IReadOnlyList<CustomerSummary>> Lazy = new(() =>
        SummaryReader.ReadCustomers(TestData.Bundled("cdnow", "cdnow_customers_summary_with_transactions.csv")));

    /// <summary>Customers with x, t_x, T and zbar.</summary>
    internal static IReadOnlyList<CustomerSummary> Customers => Lazy.Value;
}
