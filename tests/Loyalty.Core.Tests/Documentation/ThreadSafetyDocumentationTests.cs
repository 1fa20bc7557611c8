using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Loyalty.Core.Hosting;
using Loyalty.Core.Segmentation;
using Loyalty.Core.Storage.PostgreSql;
using Loyalty.Core.Storage.Sqlite;

namespace Loyalty.Core.Tests.Documentation;

/// <summary>Every public type of every library states its thread safety in its XML documentation (summary or
/// remarks), read from the documentation files the build writes next to the assemblies.</summary>
public sealed partial class ThreadSafetyDocumentationTests
{
    [GeneratedRegex(@"thread[- ]?safe|thread safety", RegexOptions.IgnoreCase)]
    private static partial Regex ThreadSafetyStatement();

    /// <summary>The libraries: every Loyalty.Core* assembly beside the tests (so a new package is covered the day it
    /// is referenced), and at least the ones referenced here by name.</summary>
    private static IReadOnlyList<Assembly> Libraries()
    {
        var byName = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        foreach (var known in new[]
        {
            typeof(CustomerId).Assembly, typeof(KMeans).Assembly, typeof(LoyaltyOptions).Assembly,
            typeof(SqliteLoyaltyStore).Assembly, typeof(PostgresLoyaltyStore).Assembly,
        })
        {
            byName[known.GetName().Name!] = known;
        }

        foreach (string path in Directory.EnumerateFiles(AppContext.BaseDirectory, "Loyalty.Core*.dll"))
        {
            var name = AssemblyName.GetAssemblyName(path);
            if (!name.Name!.EndsWith(".Tests", StringComparison.Ordinal) && !name.Name.EndsWith(".Benchmarks", StringComparison.Ordinal))
            {
                byName.TryAdd(name.Name, Assembly.Load(name));
            }
        }

        return [.. byName.Values.OrderBy(a => a.GetName().Name, StringComparer.Ordinal)];
    }

    [Fact]
    public void PublicTypes_XmlDocumentation_StatesThreadSafety()
    {
        var missing = new List<string>();
        int checkedTypes = 0;
        foreach (var assembly in Libraries())
        {
            string xmlPath = Path.ChangeExtension(assembly.Location, ".xml");
            Assert.True(File.Exists(xmlPath), $"{xmlPath}: the documentation file of {assembly.GetName().Name} is missing (GenerateDocumentationFile).");
            var docs = XDocument.Load(xmlPath).Descendants("member")
                .ToDictionary(m => (string)m.Attribute("name")!, m => m.Value, StringComparer.Ordinal);
            foreach (var type in assembly.GetExportedTypes())
            {
                checkedTypes++;
                string id = "T:" + type.FullName!.Replace('+', '.');
                if (!docs.TryGetValue(id, out string? text) || !ThreadSafetyStatement().IsMatch(text))
                {
                    missing.Add($"{assembly.GetName().Name}: {type.FullName}");
                }
            }
        }

        Assert.True(checkedTypes > 100, $"Only {checkedTypes} public types found; the library list is wrong.");
        Assert.True(missing.Count == 0,
            "Public types whose docs do not state thread safety (add a \"Thread safety: ...\" line to the remarks):"
            + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }
}
