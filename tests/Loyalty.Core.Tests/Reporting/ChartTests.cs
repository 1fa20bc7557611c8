using Loyalty.Core.Reporting;

namespace Loyalty.Core.Tests.Reporting;

/// <summary>Plot area of a default 680 × 360 chart: x from 72 to 660, y from 308 (bottom) up to 60 with a legend row
/// or 38 without one.</summary>
public sealed class ScatterChartTests
{
    private const double Px = 0.01; // coordinates are written with two decimals
    private static readonly ChartText Text = new("Title", "x label", "y label");

    [Fact]
    public void Render_TwoCategories_OneGroupPerCategoryWithItsPointsAtTheRightPlace()
    {
        var svg = Svg.Parse(ScatterChart.Render(Text, [0, 10, 5], [0, 10, 5], ["a", "b", "a"]));

        Assert.Equal("scatter", svg.Attr("data-chart"));
        var a = svg.Series("a");
        var b = svg.Series("b");
        Assert.Equal("2", a.Attr("data-count"));
        Assert.Equal(2, a.All("circle").Count());
        var origin = a.All("circle").First();
        Assert.Equal(72, origin.Num("cx"), Px);
        Assert.Equal(308, origin.Num("cy"), Px);
        var corner = b.All("circle").Single();
        Assert.Equal(660, corner.Num("cx"), Px);
        Assert.Equal(60, corner.Num("cy"), Px);
        var middle = a.All("circle").Last();
        Assert.Equal(366, middle.Num("cx"), Px);
        Assert.Equal(184, middle.Num("cy"), Px);
    }

    [Fact]
    public void Render_Always_HasTitleAxesTicksAndLegend()
    {
        var svg = Svg.Parse(ScatterChart.Render(Text, [0, 10], [0, 100], ["a", "b"], ["b", "a"]));

        Assert.Equal("Title", svg.All("text").Single(t => t.Attr("data-role") == "title").Value);
        Assert.Equal(["b", "a"], svg.All("g").Where(g => g.Attr("data-role") == "legend").Select(g => g.Attr("data-series")));
        var yTicks = svg.All("g").Single(g => g.Attr("data-axis") == "y").All("text").Where(t => t.Attr("data-tick") is not null).Select(t => t.Value).ToList();
        Assert.Equal(["0", "20", "40", "60", "80", "100"], yTicks);
        Assert.Contains(svg.All("text"), t => t.Value == "x label" && t.Attr("data-role") == "x-label");
    }

    [Fact]
    public void Render_CategoryNeedingEscape_IsEscapedAndReadsBack()
    {
        string raw = ScatterChart.Render(Text with { Title = "A <b> & \"c\"" }, [1, 2], [1, 2], ["<x>", "<x>"]);

        Assert.DoesNotContain("<x>", raw, StringComparison.Ordinal);
        var svg = Svg.Parse(raw);
        Assert.Equal("<x>", svg.Series("<x>").Attr("data-series"));
    }

    [Fact]
    public void Render_MismatchedLengths_ThrowsNamingTheParameter()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ScatterChart.Render(Text, [1, 2], [1], ["a", "a"])).ParamName);
        Assert.Equal("category", Assert.Throws<ArgumentException>(() => ScatterChart.Render(Text, [1, 2], [1, 2], ["a"])).ParamName);
    }

    [Fact]
    public void Render_NaN_ThrowsNamingTheParameterAndIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => ScatterChart.Render(Text, [1, double.NaN], [1, 2], ["a", "a"]));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("x[1]", ex.Message, StringComparison.Ordinal);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ScatterChart.Render(Text, [1, 2], [double.PositiveInfinity, 2], ["a", "a"])).ParamName);
    }

    [Fact]
    public void Render_TooSmall_ThrowsNamingText()
    {
        Assert.Equal("text", Assert.Throws<ArgumentException>(() => ScatterChart.Render(Text with { Width = 10 }, [1], [1], ["a"])).ParamName);
    }
}

public sealed class HistogramTests
{
    private static readonly ChartText Text = new("Histogram", "value", "count");

    [Fact]
    public void Bin_EqualWidthBins_CountEveryValueOnceWithMaxInTheLastBin()
    {
        var (edges, counts) = Histogram.Bin([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);

        Assert.Equal([0, 2, 4, 6, 8, 10], edges);
        Assert.Equal([2L, 2, 2, 2, 3], counts);
    }

    [Fact]
    public void Render_Bars_CarryBoundsAndCountsAndSpanThePlot()
    {
        var svg = Svg.Parse(Histogram.Render(Text, [0, 0, 1, 2, 3, 4], 4, "clv"));

        Assert.Equal("histogram", svg.Attr("data-chart"));
        var bars = svg.Series("clv").All("rect").ToList();
        Assert.Equal(4, bars.Count);
        Assert.Equal(6, bars.Sum(b => b.Num("data-count")));
        Assert.Equal(72.5, bars[0].Num("x"), 0.01);
        Assert.Equal(660, bars[^1].Num("x") + bars[^1].Num("width") + 0.5, 0.01);
        // The tallest bar (count 2) reaches the top of the nice y domain [0, 2].
        Assert.Equal(38, bars[0].Num("y"), 0.01);
        Assert.Equal(308 - 38, bars[0].Num("height"), 0.01);
    }

    [Fact]
    public void Render_BadInput_ThrowsNamingTheParameter()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Histogram.Render(Text, [1, double.NaN])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Histogram.Render(Text, [1, 2], 0));
    }
}
