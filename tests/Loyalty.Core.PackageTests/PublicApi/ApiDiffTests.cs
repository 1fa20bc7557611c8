namespace Loyalty.Core.PackageTests.PublicApi;

public sealed class ApiDiffTests
{
    private const string Approved = """
        # header
        public sealed class A.Kept
          public int Count { get; }
          public void Run()

        public static class A.Removed
          public static void Go()
        """;

    [Fact]
    public void Between_SameListing_Empty()
    {
        Assert.Empty(ApiDiff.Between(Approved, Approved.Replace("# header", "# other header", StringComparison.Ordinal)));
    }

    [Fact]
    public void Between_MemberChangedTypeAddedAndRemoved_NamesTypeAndEachLine()
    {
        const string actual = """
            public sealed class A.Added
              public Added()

            public sealed class A.Kept
              public long Count { get; }
              public void Run()
            """;

        Assert.Equal(
            [
                "+ public sealed class A.Added",
                "+     public Added()",
                "  public sealed class A.Kept",
                "-     public int Count { get; }",
                "+     public long Count { get; }",
                "- public static class A.Removed  (1 members)",
            ],
            ApiDiff.Between(Approved, actual));
    }
}
