using Loyalty.Core.Storage;

namespace Loyalty.Core.Tests.Storage;

public sealed class LoyaltyStoreOptionsTests
{
    [Fact]
    public void TimeProvider_Default_IsTheSystemClock() =>
        Assert.Same(TimeProvider.System, new LoyaltyStoreOptions().TimeProvider);

    [Fact]
    public void Validate_NullTimeProvider_NamesTheOption()
    {
        var options = new LoyaltyStoreOptions { Pseudonymizer = CustomerPseudonymizer.None, TimeProvider = null! };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("LoyaltyStoreOptions.TimeProvider is required", error.Message, StringComparison.Ordinal);
    }
}
