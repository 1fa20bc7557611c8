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
    public void Pseudonymize_SameKey_DeterministicAndPrefixed()
    {
        var a = CustomerPseudonymizer.WithKey(Key);
        var b = CustomerPseudonymizer.FromKeyText(Convert.ToBase64String(Key));
        var c = CustomerPseudonymizer.FromKeyText(Convert.ToHexString(Key));

        var id = a.Pseudonymize(new CustomerId("customer-42"));

        Assert.Equal(id, b.Pseudonymize(new CustomerId("customer-42")));
        Assert.Equal(id, c.Pseudonymize(new CustomerId("customer-42")));
        Assert.StartsWith("ps_", id.Value, StringComparison.Ordinal);
        Assert.Equal(25, id.Value.Length);
        Assert.True(CustomerPseudonymizer.IsPseudonym(id.Value));
    }

    [Fact]
    public void Pseudonymize_PseudonymShapedId_IsKeyedLikeAnyOther()
    {
        var a = CustomerPseudonymizer.WithKey(Key);
        var pseudonym = a.Pseudonymize(new CustomerId("customer-42"));
        var forged = new CustomerId("ps_AAAAAAAAAAAAAAAAAAAAAA");

        var again = a.Pseudonymize(pseudonym);

        Assert.True(CustomerPseudonymizer.IsPseudonym(forged.Value));
        Assert.NotEqual(pseudonym, again);
        Assert.True(CustomerPseudonymizer.IsPseudonym(again.Value));
        Assert.NotEqual(forged, a.Pseudonymize(forged));
    }

    [Fact]
    public void Tombstone_KeyedOrSalted_NeverTheIdOrPseudonymAndDeterministic()
    {
        var keyed = CustomerPseudonymizer.WithKey(Key);
        byte[] salt = Enumerable.Repeat((byte)9, 32).ToArray();
        string stored = keyed.Pseudonymize(new CustomerId("alice")).Value;

        string tombstone = keyed.Tombstone(stored, salt);

        Assert.Equal(tombstone, keyed.Tombstone(stored, []));
        Assert.DoesNotContain("alice", tombstone, StringComparison.Ordinal);
        Assert.NotEqual(stored, tombstone);
        Assert.Equal(32, tombstone.Length);
        Assert.NotEqual(CustomerPseudonymizer.None.Tombstone("alice", salt), CustomerPseudonymizer.None.Tombstone("alice", new byte[32]));
        Assert.DoesNotContain("alice", CustomerPseudonymizer.None.Tombstone("alice", salt), StringComparison.Ordinal);
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
