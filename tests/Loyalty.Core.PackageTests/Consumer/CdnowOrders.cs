using System.Globalization;

namespace Loyalty.Core.PackageTests.Consumer;

/// <summary>The bundled CDNOW sample as the <c>orders.csv</c> the getting-started guide asks for
/// (customer_id,date,amount), converted the way the guide's awk line does.</summary>
internal static class CdnowOrders
{
    /// <summary>Customers in the sample.</summary>
    internal const int Customers = 2357;

    internal static void Write(string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("customer_id,date,amount");
        foreach (var line in File.ReadLines(Repository.PathOf("tests", "data", "cdnow", "CDNOW_sample.txt")))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }

            var date = DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            writer.WriteLine($"{f[1]},{date:yyyy-MM-dd},{f[4]}");
        }
    }
}
