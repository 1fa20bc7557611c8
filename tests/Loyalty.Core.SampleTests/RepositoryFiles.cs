namespace Loyalty.Core.SampleTests;

/// <summary>Files of the repository the tests upload.</summary>
internal static class RepositoryFiles
{
    public static string CdnowSample { get; } = Path.Combine(Root(), "tests", "data", "cdnow", "CDNOW_sample.txt");

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Loyalty.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Loyalty.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
