using System.Globalization;
using Loyalty.Core.Reporting;

namespace Loyalty.Core.Tests.Reporting;

public sealed class MarkupTests
{
    [Fact]
    public void Escape_SpecialCharacters_AreEntities()
    {
        Assert.Equal("&lt;b&gt;Tom &amp; Jerry&#39;s &quot;deal&quot;&lt;/b&gt;", Markup.Escape("<b>Tom & Jerry's \"deal\"</b>"));
        Assert.Equal(string.Empty, Markup.Escape(null));
        Assert.Equal("plain", Markup.Escape("plain"));
        Assert.Equal("0", Markup.Label(-0.0, 2)[..1]);
    }

    [Fact]
    public void Numbers_UnderACommaCulture_StayInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1234.57", Markup.Coordinate(1234.5678));
            Assert.Equal("0.1", Markup.Data(0.1));
            Assert.Equal("12,345.7", Markup.Label(12345.67, 1));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1234.6, "1,235")]
    [InlineData(12.345, "12.3")]
    [InlineData(0.01234, "0.012")]
    public void Label_ChoosesDecimalsBySize(double value, string expected)
    {
        Assert.Equal(expected, Markup.Label(value));
    }
}
