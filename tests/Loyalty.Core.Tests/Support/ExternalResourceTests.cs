using Xunit.Sdk;

namespace Loyalty.Core.Tests.Support;

/// <summary>A missing external resource skips a test on a developer's machine and fails it in CI.</summary>
public sealed class ExternalResourceTests
{
    [Fact]
    public void Unavailable_NotRequired_SkipsWithTheReason()
    {
        var skip = Assert.Throws<Xunit.SkipException>(() => ExternalResource.Unavailable("no data set 'x'", required: false));

        Assert.Equal("no data set 'x'", skip.Message);
    }

    [Fact]
    public void Unavailable_Required_FailsNamingTheReasonAndTheVariable()
    {
        var failure = Assert.Throws<FailException>(() => ExternalResource.Unavailable("no data set 'x'", required: true));

        Assert.Contains("no data set 'x'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LOYALTY_REQUIRE_EXTERNAL=1", failure.Message, StringComparison.Ordinal);
    }
}
