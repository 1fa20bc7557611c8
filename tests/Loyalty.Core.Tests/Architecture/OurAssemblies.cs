using System.Reflection;
using Loyalty.Core.Features;
using Loyalty.Core.Hosting;
using Loyalty.Core.Reporting;
using Loyalty.Core.Storage;
using Loyalty.Core.Storage.PostgreSql;
using Loyalty.Core.Storage.Sqlite;

namespace Loyalty.Core.Tests.Architecture;

/// <summary>The assemblies we ship, by name, loaded through a type each one defines.</summary>
internal static class OurAssemblies
{
    internal const string Abstractions = "Loyalty.Core.Abstractions";
    internal const string Core = "Loyalty.Core";
    internal const string Storage = "Loyalty.Core.Storage";
    internal const string Sqlite = "Loyalty.Core.Sqlite";
    internal const string PostgreSql = "Loyalty.Core.PostgreSql";
    internal const string Reporting = "Loyalty.Core.Reporting";
    internal const string Hosting = "Loyalty.Core.Hosting";
    internal const string Cli = "loyalty";

    internal static IReadOnlyList<Assembly> All { get; } =
    [
        typeof(CustomerId).Assembly,
        typeof(RfmBuilder).Assembly,
        typeof(RelationalStoreEngine).Assembly,
        typeof(SqliteLoyaltyStore).Assembly,
        typeof(PostgresLoyaltyStore).Assembly,
        typeof(LoyaltyReport).Assembly,
        typeof(LoyaltyOptions).Assembly,
        typeof(Loyalty.Cli.CliApp).Assembly,
    ];

    internal static bool IsOurs(string assemblyName) => assemblyName == Cli || assemblyName.StartsWith("Loyalty.", StringComparison.Ordinal);
}
