namespace Loyalty.Core.Reporting;

/// <summary>Points coloured by category: one &lt;g data-series&gt; per category, one &lt;circle&gt; per point.</summary>
internal static class ScatterChart
{
    /// <summary>Renders the chart.</summary>
    /// <param name="text">Title, axis labels and size.</param>
    /// <param name="x">X values, finite.</param>
    /// <param name="y">Y values, finite, as many as <paramref name="x"/>.</param>
    /// <param name="category">Each point's category (legend entry and colour), as many as <paramref name="x"/>.</param>
    /// <param name="categoryOrder">Legend order; categories not listed follow in first-seen order. Null for first-seen order.</param>
    /// <exception cref="ArgumentException">Lengths differ or a value is not finite; names the parameter.</exception>
    internal static string Render(ChartText text, IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<string> category, IReadOnlyList<string>? categoryOrder = null)
    {
        ChartData.RequireFinite(x, nameof(x));
        ChartData.RequireSameLength(y, x.Count, nameof(y), nameof(x));
        ChartData.RequireFinite(y, nameof(y));
        ChartData.RequireSameLength(category, x.Count, nameof(category), nameof(x));
        ChartData.RequireNames(category, nameof(category));
        var legend = ChartData.Distinct([.. categoryOrder ?? [], .. category]).Where(category.Contains).ToList();

        var frame = new ChartFrame("scatter", text, legend);
        var (xMin, xMax) = ChartData.Extent([x]);
        var (yMin, yMax) = ChartData.Extent([y]);
        var xs = LinearScale.Nice(xMin, xMax, frame.PlotLeft, frame.PlotRight);
        var ys = LinearScale.Nice(yMin, yMax, frame.PlotBottom, frame.PlotTop);
        var svg = frame.Begin();
        frame.YAxis(svg, ys);
        frame.XAxis(svg, xs);
        for (int s = 0; s < legend.Count; s++)
        {
            var members = Enumerable.Range(0, x.Count).Where(i => category[i] == legend[s]).ToList();
            svg.Open("g", ("data-series", legend[s]), ("data-count", members.Count), ("fill", ChartPalette.Of(s)), ("fill-opacity", 0.6));
            foreach (int i in members)
            {
                svg.Empty("circle", ("cx", xs.Map(x[i])), ("cy", ys.Map(y[i])), ("r", 2.5));
            }

            svg.Close("g");
        }

        return ChartFrame.End(svg);
    }
}
