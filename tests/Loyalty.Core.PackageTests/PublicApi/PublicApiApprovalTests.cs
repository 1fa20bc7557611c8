using Loyalty.Core.PackageTests.Packaging;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>
/// Every library package's public API, listed from the assembly actually packed, must match the committed
/// src/&lt;Project&gt;/PublicApi.approved.txt, so every public change is deliberate and shows in review. The packages are
/// whatever the pack produced, so a new src/ project without an approved file fails here. With
/// LOYALTY_APPROVE_API=1 the test rewrites the files instead (then review the diff and commit).
/// </summary>
[Collection(SharedPack.Name)]
public sealed class PublicApiApprovalTests(PackedPackages packed)
{
    internal const string FileName = "PublicApi.approved.txt";

    private static bool Approving => Environment.GetEnvironmentVariable("LOYALTY_APPROVE_API") == "1";

    [Fact]
    public void PublicApi_EveryLibraryPackage_MatchesApprovedFile()
    {
        var failures = new List<string>();
        foreach (var package in packed.Packages.Where(p => !p.IsTool))
        {
            string actual = PublicApiListing.Of(package.Read($"lib/net10.0/{package.Id}.dll"));
            string approvedPath = Path.Combine(package.ProjectDirectory, FileName);
            string relative = Path.GetRelativePath(Repository.Root, approvedPath);
            if (Approving)
            {
                File.WriteAllText(approvedPath, actual);
                continue;
            }

            if (!File.Exists(approvedPath))
            {
                failures.Add($"{relative} is missing: package {package.Id} has no approved public API yet.");
                continue;
            }

            var diff = ApiDiff.Between(File.ReadAllText(approvedPath), actual);
            if (diff.Count > 0)
            {
                failures.Add($"{relative} differs from the packed {package.Id} (- approved, + packed):{Environment.NewLine}{string.Join(Environment.NewLine, diff)}");
            }
        }

        Assert.True(failures.Count == 0,
            string.Join(Environment.NewLine + Environment.NewLine, failures) + Environment.NewLine + Environment.NewLine +
            "If the change is intended, run: LOYALTY_APPROVE_API=1 dotnet test tests/Loyalty.Core.PackageTests -c Release --filter PublicApi, review the diff, and commit the files.");
    }

    [Fact]
    public void ApprovedFiles_EachBelongsToAPackedLibrary()
    {
        var packedDirectories = packed.Packages.Where(p => !p.IsTool).Select(p => p.ProjectDirectory).ToHashSet();
        var strays = Directory.GetFiles(Repository.PathOf("src"), FileName, SearchOption.AllDirectories)
            .Where(f => !packedDirectories.Contains(Path.GetDirectoryName(f)!))
            .Select(f => Path.GetRelativePath(Repository.Root, f));
        Assert.Empty(strays);
    }
}
