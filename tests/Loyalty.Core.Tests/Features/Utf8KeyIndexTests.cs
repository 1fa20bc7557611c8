using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Features;

namespace Loyalty.Core.Tests.Features;

public sealed class Utf8KeyIndexTests
{
    [Fact]
    public void GetOrAdd_AnyKeys_GivesDenseIndexesInOrderOfFirstAppearance() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(
            Gen.Elements("a", "b", "0123456789abcdef", "0123456789abcdefX", "é", "", "a much longer customer identifier 42")
                .Zip(Gen.Choose(0, 40), (s, n) => s + n.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ArrayOf().ToArbitrary(),
            keys =>
            {
                var index = new Utf8KeyIndex(capacity: 1); // tiny, so the table grows many times
                var expected = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    var bytes = Encoding.UTF8.GetBytes(key);
                    int got = index.GetOrAdd(bytes, index.Hash(bytes));
                    expected.TryAdd(key, expected.Count);
                    if (got != expected[key])
                    {
                        return false;
                    }
                }

                return index.Count == expected.Count && index.KeysAsStrings().SequenceEqual(expected.Keys);
            }));

    [Fact]
    public void GetOrAdd_KeysSharingTheirFirst16Bytes_StayDistinct()
    {
        var index = new Utf8KeyIndex();
        byte[] a = Encoding.UTF8.GetBytes("customer-000000000001");
        byte[] b = Encoding.UTF8.GetBytes("customer-000000000002");
        Assert.Equal(0, index.GetOrAdd(a, index.Hash(a)));
        Assert.Equal(1, index.GetOrAdd(b, index.Hash(b)));
        Assert.Equal(0, index.GetOrAdd(a, index.Hash(a)));
    }
}
