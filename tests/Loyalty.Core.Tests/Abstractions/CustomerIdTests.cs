namespace Loyalty.Core.Tests.Abstractions;

public sealed class CustomerIdTests
{
    [Fact]
    public void Constructor_Blank_ThrowsNamingValue() =>
        Assert.Equal("value", Assert.ThrowsAny<ArgumentException>(() => new CustomerId(" ")).ParamName);

    [Fact]
    public void CompareTo_IsOrdinal() => Assert.True(new CustomerId("B") < new CustomerId("a"));
}
