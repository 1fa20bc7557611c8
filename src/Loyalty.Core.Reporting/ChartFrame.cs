namespace Loyalty.Core.Reporting;

/// <summary>
/// The parts every chart shares: the &lt;svg&gt; element with its data-chart kind, the title, the legend row, the
/// plot area and its axes. Charts draw their marks between <see cref="Begin"/> and <see cref="End"/>.
/// </summary>
internal sealed class ChartFrame
{
    private const double Left = 72, Right = 20, Bottom = 52, TitleHeight = 30, LegendHeight = 22;
    private const double CharWidth = 7; // a 12 px sans-serif character, for laying out legend entries

    private readonly ChartText _text;
    private readonly string _kind;
    private readonly IReadOnlyList<string> _legend;

    internal ChartFrame(string kind, ChartText text, IReadOnlyList<string> legend)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Validate();
        _kind = kind;
        _text = text;
        _legend = legend;
        PlotLeft = Left;
        PlotRight = text.Width - Right;
        PlotTop = TitleHeight + (legend.Count > 0 ? LegendHeight : 0) + 8;
        PlotBottom = text.Height - Bottom;
    }

    internal double PlotLeft { get; }

    internal double PlotRight { get; }

    internal double PlotTop { get; }

    internal double PlotBottom { get; }

    /// <summary>Writes the svg element, title and legend, and returns the writer for the marks.</summary>
    internal SvgWriter Begin()
    {
        var svg = new SvgWriter();
        svg.Open("svg",
            ("xmlns", "http://www.w3.org/2000/svg"), ("width", _text.Width), ("height", _text.Height),
            ("viewBox", $"0 0 {_text.Width} {_text.Height}"), ("role", "img"), ("aria-label", _text.Title),
            ("data-chart", _kind), ("font-family", "system-ui, sans-serif"), ("font-size", 12));
        svg.Text("title", _text.Title);
        svg.Text("text", _text.Title, ("x", PlotLeft), ("y", 20), ("font-size", 15), ("font-weight", "bold"), ("data-role", "title"));
        double x = PlotLeft;
        for (int i = 0; i < _legend.Count; i++)
        {
            double y = TitleHeight + 4;
            svg.Open("g", ("data-role", "legend"), ("data-series", _legend[i]));
            svg.Empty("rect", ("x", x), ("y", y), ("width", 12), ("height", 12), ("fill", ChartPalette.Of(i)));
            svg.Text("text", _legend[i], ("x", x + 16), ("y", y + 10));
            svg.Close("g");
            x += 16 + (CharWidth * _legend[i].Length) + 18;
        }

        return svg;
    }

    /// <summary>Closes the svg element.</summary>
    internal static string End(SvgWriter svg)
    {
        svg.Close("svg");
        return svg.ToString();
    }

    /// <summary>A numeric y axis with grid lines, and the y label.</summary>
    internal void YAxis(SvgWriter svg, LinearScale y)
    {
        svg.Open("g", ("data-axis", "y"));
        int decimals = y.TickDecimals();
        foreach (double tick in y.Ticks())
        {
            double py = y.Map(tick);
            svg.Empty("line", ("x1", PlotLeft), ("x2", PlotRight), ("y1", py), ("y2", py), ("stroke", "#e3e3e3"));
            svg.Text("text", Markup.Label(tick, decimals), ("x", PlotLeft - 6), ("y", py + 4), ("text-anchor", "end"), ("data-tick", Markup.Data(tick)));
        }

        svg.Empty("line", ("x1", PlotLeft), ("x2", PlotLeft), ("y1", PlotTop), ("y2", PlotBottom), ("stroke", "#444"));
        double middle = (PlotTop + PlotBottom) / 2;
        svg.Text("text", _text.YLabel, ("x", 16), ("y", middle), ("text-anchor", "middle"), ("transform", $"rotate(-90 16 {Markup.Coordinate(middle)})"), ("data-role", "y-label"));
        svg.Close("g");
    }

    /// <summary>A numeric x axis with tick marks, and the x label.</summary>
    internal void XAxis(SvgWriter svg, LinearScale x)
    {
        svg.Open("g", ("data-axis", "x"));
        int decimals = x.TickDecimals();
        foreach (double tick in x.Ticks())
        {
            double px = x.Map(tick);
            svg.Empty("line", ("x1", px), ("x2", px), ("y1", PlotBottom), ("y2", PlotBottom + 5), ("stroke", "#444"));
            svg.Text("text", Markup.Label(tick, decimals), ("x", px), ("y", PlotBottom + 18), ("text-anchor", "middle"), ("data-tick", Markup.Data(tick)));
        }

        XBaseline(svg);
        svg.Close("g");
    }

    /// <summary>A categorical x axis: one label under the middle of each band.</summary>
    internal void CategoryAxis(SvgWriter svg, IReadOnlyList<string> categories, Func<int, double> middleOf)
    {
        svg.Open("g", ("data-axis", "x"));
        for (int i = 0; i < categories.Count; i++)
        {
            svg.Text("text", categories[i], ("x", middleOf(i)), ("y", PlotBottom + 18), ("text-anchor", "middle"), ("data-category", categories[i]));
        }

        XBaseline(svg);
        svg.Close("g");
    }

    private void XBaseline(SvgWriter svg)
    {
        svg.Empty("line", ("x1", PlotLeft), ("x2", PlotRight), ("y1", PlotBottom), ("y2", PlotBottom), ("stroke", "#444"));
        svg.Text("text", _text.XLabel, ("x", (PlotLeft + PlotRight) / 2), ("y", PlotBottom + 40), ("text-anchor", "middle"), ("data-role", "x-label"));
    }
}
