using System.Diagnostics;

namespace Loyalty.Core.PackageTests.Packaging;

/// <summary>
/// Packs the solution once per test run into a temporary folder, from the binaries the solution build produced
/// (<c>--no-build</c>, so packing cannot race the other test projects over obj/ and bin/). Shared by every test in
/// <see cref="SharedPack"/>; the folder is deleted afterwards.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    public PackedPackages()
    {
        Root = Directory.CreateTempSubdirectory("loyalty-packages-").FullName;
        Feed = Path.Combine(Root, "feed");
        Projects = SourceProject.All();
        foreach (var project in Projects.Where(p => p.IsPackable))
        {
            string name = Path.GetFileName(project.Directory);
            string built = Path.Combine(project.Directory, "bin", Repository.Configuration);
            if (!Directory.Exists(built))
            {
                throw new InvalidOperationException(
                    $"src/{name} has not been built in {Repository.Configuration}; build the solution first " +
                    $"(dotnet build Loyalty.Core.sln -c {Repository.Configuration}) or run dotnet test on the solution.");
            }
        }

        var watch = Stopwatch.StartNew();
        PackOutput = DotnetCli.Run(Repository.Root,
            ["pack", Repository.Solution, "-c", Repository.Configuration, "--no-build", "-o", Feed, "-warnaserror", "-nodeReuse:false"]);
        PackTime = watch.Elapsed;
        Packages = Directory.GetFiles(Feed, "*.nupkg").Order(StringComparer.Ordinal).Select(p => PackedPackage.Open(p, Projects)).ToArray();
    }

    /// <summary>A temporary folder for this run; tests make their own sub-folders in it.</summary>
    internal string Root { get; }

    /// <summary>The folder holding the packed .nupkg and .snupkg files: a local package source.</summary>
    internal string Feed { get; }

    /// <summary>Every project under src/.</summary>
    internal IReadOnlyList<SourceProject> Projects { get; }

    /// <summary>The packages, sorted by file name.</summary>
    internal IReadOnlyList<PackedPackage> Packages { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    internal string PackOutput { get; }

    internal TimeSpan PackTime { get; }

    /// <summary>The package with id <paramref name="id"/>.</summary>
    internal PackedPackage Get(string id) =>
        Packages.SingleOrDefault(p => p.Id == id) ?? throw new InvalidOperationException($"No package {id}; packed: {string.Join(", ", Packages.Select(p => p.Id))}.");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing the run for.
        }
    }
}
