using Loyalty.Core.Storage;

namespace Loyalty.Core.Tests.Storage;

public sealed class CustomerPseudonymizerTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(65)]
    public void WithKey_WrongLength_ThrowsNamingTheKey(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => CustomerPseudonymizer.WithKey(new byte[length]));

        Assert.Equal("key", error.ParamName);
        Assert.Contains($"got {length}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudonymize_SameKey_DeterministicPrefixedAndIdempotent()
    {
        var a = CustomerPseudonymizer.WithKey(Key);
        var b = CustomerPseudonymizer.FromKeyText(Convert.ToBase64String(Key));
        var c = CustomerPseudonymizer.FromKeyText(Convert.ToHexString(Key));

        var id = a.Pseudonymize(new CustomerId("customer-42"));

        Assert.Equal(id, b.Pseudonymize(new CustomerId("customer-42")));
        Assert.Equal(id, c.Pseudonymize(new CustomerId("customer-42")));
        Assert.StartsWith("ps_", id.Value, StringComparison.Ordinal);
        Assert.Equal(25, id.Value.Length);
        Assert.Equal(id, a.Pseudonymize(id));
        Assert.True(CustomerPseudonymizer.IsPseudonym(id.Value));
    }

    [Fact]
    public void Pseudonymize_DifferentKeysOrIds_Differ()
    {
        var a = CustomerPseudonymizer.WithKey(Key);
        var other = CustomerPseudonymizer.WithKey(Key.Select(x => (byte)(x ^ 1)).ToArray());

        Assert.NotEqual(a.Pseudonymize(new CustomerId("x")), other.Pseudonymize(new CustomerId("x")));
        Assert.NotEqual(a.Pseudonymize(new CustomerId("x")), a.Pseudonymize(new CustomerId("y")));
        Assert.NotEqual(a.KeyCheck, other.KeyCheck);
        Assert.Equal("none", CustomerPseudonymizer.None.KeyCheck);
        Assert.Equal(new CustomerId("x"), CustomerPseudonymizer.None.Pseudonymize(new CustomerId("x")));
    }

    [Fact]
    public void FromKeyText_NotBase64OrHex_ThrowsNamingTheText()
    {
        var error = Assert.Throws<ArgumentException>(() => CustomerPseudonymizer.FromKeyText("not a key!"));

        Assert.Equal("keyText", error.ParamName);
    }

    [Fact]
    public void KeyCheck_DoesNotContainTheKey()
    {
        var a = CustomerPseudonymizer.WithKey(Key);

        Assert.DoesNotContain(Convert.ToHexString(Key)[..16], a.KeyCheck, StringComparison.Ordinal);
        Assert.Equal(16, a.KeyCheck.Length);
    }
}
