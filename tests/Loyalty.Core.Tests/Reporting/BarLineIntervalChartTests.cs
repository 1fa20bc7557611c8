using Loyalty.Core.Reporting;

namespace Loyalty.Core.Tests.Reporting;

public sealed class BarChartTests
{
    private const double Px = 0.01;
    private static readonly ChartText Text = new("Bars", "segment", "cost");

    [Fact]
    public void Render_Stacked_SeriesSitOnTopOfEachOther()
    {
        var svg = Svg.Parse(BarChart.Render(Text, ["s0", "s1"], [new BarSeries("r1", [1, 4]), new BarSeries("r2", [3, 0])], BarLayout.Stacked));

        Assert.Equal("stacked-bar", svg.Attr("data-chart"));
        var r1 = svg.Series("r1").All("rect").ToList();
        var r2 = svg.Series("r2").All("rect").ToList();
        Assert.Equal(["s0", "s1"], r1.Select(r => r.Attr("data-category")));
        Assert.Equal("4", r1[1].Attr("data-value"));
        // y domain [0, 4] over [308, 60]: 62 px per unit. s0: r1 from 0 to 1, r2 from 1 to 4.
        Assert.Equal(308 - 62, r1[0].Num("y"), Px);
        Assert.Equal(62, r1[0].Num("height"), Px);
        Assert.Equal(60, r2[0].Num("y"), Px);
        Assert.Equal(3 * 62, r2[0].Num("height"), Px);
        Assert.Equal(r1[0].Num("x"), r2[0].Num("x"), Px);
    }

    [Fact]
    public void Render_Grouped_SeriesStandSideBySide()
    {
        var svg = Svg.Parse(BarChart.Render(Text, ["s0"], [new BarSeries("r1", [2]), new BarSeries("r2", [1])]));

        Assert.Equal("grouped-bar", svg.Attr("data-chart"));
        var first = svg.Series("r1").All("rect").Single();
        var second = svg.Series("r2").All("rect").Single();
        Assert.True(second.Num("x") >= first.Num("x") + first.Num("width"));
        Assert.Equal(2 * second.Num("height"), first.Num("height"), Px);
    }

    [Fact]
    public void Render_BadSeries_ThrowsNamingTheParameter()
    {
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => BarChart.Render(Text, ["a", "b"], [new BarSeries("r", [1])])).ParamName);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => BarChart.Render(Text, ["a"], [new BarSeries("r", [-1])], BarLayout.Stacked)).ParamName);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => BarChart.Render(Text, ["a"], [new BarSeries("r", [double.NaN])])).ParamName);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => BarChart.Render(Text, ["a"], [])).ParamName);
    }
}

public sealed class LineChartTests
{
    private static readonly ChartText Text = new("Lines", "round", "responses");

    [Fact]
    public void Render_TwoSeries_OnePathEachFromFirstToLastPoint()
    {
        var svg = Svg.Parse(LineChart.Render(Text, [new LineSeries("thompson", [0, 5, 10], [0, 5, 10]), new LineSeries("oracle", [0, 10], [10, 10])]));

        Assert.Equal("line", svg.Attr("data-chart"));
        var paths = svg.All("path").ToDictionary(p => p.Attr("data-series")!);
        Assert.Equal("3", paths["thompson"].Attr("data-points"));
        Assert.Equal("M72,308L366,184L660,60", paths["thompson"].Attr("d"));
        Assert.Equal("M72,60L660,60", paths["oracle"].Attr("d"));
        Assert.NotEqual(paths["thompson"].Attr("stroke"), paths["oracle"].Attr("stroke"));
    }

    [Fact]
    public void Render_BadSeries_ThrowsNamingTheParameter()
    {
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => LineChart.Render(Text, [new LineSeries("a", [1, 2], [1])])).ParamName);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => LineChart.Render(Text, [new LineSeries("a", [], [])])).ParamName);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => LineChart.Render(Text, [new LineSeries("a", [1], [double.NaN])])).ParamName);
    }
}

public sealed class IntervalChartTests
{
    private static readonly ChartText Text = new("Uplift", "group", "uplift");

    [Fact]
    public void Render_Estimates_DrawIntervalAndDotWithTheirValues()
    {
        var svg = Svg.Parse(IntervalChart.Render(Text, [new IntervalEstimate("all", 0.1, 0.05, 0.15), new IntervalEstimate("r1", -0.05, -0.1, 0.2)]));

        Assert.Equal("interval", svg.Attr("data-chart"));
        var all = svg.Series("all");
        Assert.Equal("0.1", all.Attr("data-estimate"));
        var line = all.All("line").Single(l => l.Attr("data-role") == "interval");
        var dot = all.All("circle").Single(c => c.Attr("data-role") == "estimate");
        Assert.Equal(line.Num("x1"), dot.Num("cx"), 0.01);
        Assert.True(line.Num("y1") > dot.Num("cy") && dot.Num("cy") > line.Num("y2"));
        // y domain [-0.1, 0.2] over [308, 38]: zero sits a third of the way up.
        var zero = svg.All("line").Single(l => l.Attr("data-role") == "zero");
        Assert.Equal(308 - (270.0 / 3), zero.Num("y1"), 0.01);
    }

    [Fact]
    public void Render_EstimateOutsideItsInterval_ThrowsNamingTheParameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => IntervalChart.Render(Text, [new IntervalEstimate("bad", 1, 0, 0.5)]));
        Assert.Equal("estimates", ex.ParamName);
        Assert.Contains("bad", ex.Message, StringComparison.Ordinal);
        Assert.Equal("estimates", Assert.Throws<ArgumentException>(() => IntervalChart.Render(Text, [new IntervalEstimate("nan", double.NaN, 0, 1)])).ParamName);
    }
}
