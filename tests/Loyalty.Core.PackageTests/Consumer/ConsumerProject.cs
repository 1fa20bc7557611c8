using System.Text.Json;

namespace Loyalty.Core.PackageTests.Consumer;

/// <summary>
/// A fresh console project outside the repository, as a new user would make one, restoring from a nuget.config of
/// its own: our packages from the packed folder only (package source mapping), everything else from the machine's
/// global packages folder used as a plain folder source, so the restore works offline and can never pick up the
/// repository's projects. It restores into a packages folder of its own, so a Loyalty.Core of the same version
/// cached by an earlier run can never stand in for the one just packed.
/// </summary>
internal sealed class ConsumerProject
{
    private ConsumerProject(string directory, string packagesFolder)
    {
        Directory = directory;
        PackagesFolder = packagesFolder;
    }

    internal string Directory { get; }

    /// <summary>Where this project's restore puts packages.</summary>
    internal string PackagesFolder { get; }

    /// <summary>Variables for every dotnet command on this project: the private packages folder, and invariant
    /// culture so numbers print the same everywhere.</summary>
    internal IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
    };

    /// <summary>Writes the project: <paramref name="packageId"/> at <paramref name="version"/>, and Program.cs.</summary>
    internal static ConsumerProject Create(string directory, string feed, string packageId, string version, IEnumerable<string> program)
    {
        System.IO.Directory.CreateDirectory(directory);
        var project = new ConsumerProject(directory, Path.Combine(directory, "packages"));

        // Empty Directory.Build files stop MSBuild from looking further up for someone else's.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="loyalty" value="{feed}" />
                <add key="machine" value="{MachinePackagesFolder()}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="loyalty"><package pattern="Loyalty.*" /></packageSource>
                <packageSource key="machine"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{packageId}" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllLines(Path.Combine(directory, "Program.cs"), program);
        return project;
    }

    /// <summary>The source a restored package came from, as NuGet recorded it next to the package.</summary>
    internal string SourceOf(string packageId, string version)
    {
        string metadata = Path.Combine(PackagesFolder, packageId.ToLowerInvariant(), version, ".nupkg.metadata");
        using var json = JsonDocument.Parse(File.ReadAllText(metadata));
        return json.RootElement.GetProperty("source").GetString()!;
    }

    /// <summary>The global packages folder the solution's restore filled (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    private static string MachinePackagesFolder() =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
