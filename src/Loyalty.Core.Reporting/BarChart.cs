namespace Loyalty.Core.Reporting;

/// <summary>How the series of a bar chart share a category.</summary>
internal enum BarLayout
{
    /// <summary>Side by side.</summary>
    Grouped = 0,
    /// <summary>On top of each other (values must not be negative).</summary>
    Stacked = 1,
}

/// <summary>One named series of a bar chart: one value per category.</summary>
internal sealed record BarSeries(string Name, IReadOnlyList<double> Values);

/// <summary>Bars per category, grouped or stacked: one &lt;g data-series&gt; per series, one &lt;rect&gt; per bar
/// carrying its category and value.</summary>
internal static class BarChart
{
    /// <summary>Renders the chart.</summary>
    /// <param name="text">Title, axis labels and size.</param>
    /// <param name="categories">The x categories.</param>
    /// <param name="series">At least one series, each with one finite value per category (not negative when stacked).</param>
    /// <param name="layout">Grouped or stacked.</param>
    /// <exception cref="ArgumentException">No series, a length mismatch, a non-finite value, or a negative value in
    /// a stacked chart; names the parameter.</exception>
    internal static string Render(ChartText text, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, BarLayout layout = BarLayout.Grouped)
    {
        ChartData.RequireNames(categories, nameof(categories));
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("A bar chart needs at least one series.", nameof(series));
        }

        foreach (var s in series)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(series));
            ChartData.RequireSameLength(s.Values, categories.Count, nameof(series), nameof(categories));
            ChartData.RequireFinite(s.Values, nameof(series));
            if (layout == BarLayout.Stacked && s.Values.Any(v => v < 0))
            {
                throw new ArgumentException($"Series '{s.Name}' has a negative value; stacked bars need values ≥ 0.", nameof(series));
            }
        }

        if (!Enum.IsDefined(layout))
        {
            throw new ArgumentException($"Unknown bar layout {(int)layout}.", nameof(layout));
        }

        var frame = new ChartFrame(layout == BarLayout.Stacked ? "stacked-bar" : "grouped-bar", text, series.Select(s => s.Name).ToList());
        var totals = Enumerable.Range(0, categories.Count).Select(c => series.Sum(s => s.Values[c])).ToArray();
        var (min, max) = layout == BarLayout.Stacked ? (0, totals.DefaultIfEmpty(0).Max()) : ChartData.Extent(series.Select(s => s.Values));
        var ys = LinearScale.Nice(Math.Min(0, min), Math.Max(0, max), frame.PlotBottom, frame.PlotTop);
        double band = (frame.PlotRight - frame.PlotLeft) / Math.Max(1, categories.Count);
        double inner = band * 0.8;
        double Middle(int c) => frame.PlotLeft + (band * (c + 0.5));
        var svg = frame.Begin();
        frame.YAxis(svg, ys);
        frame.CategoryAxis(svg, categories, Middle);
        var stackBase = new double[categories.Count];
        for (int s = 0; s < series.Count; s++)
        {
            svg.Open("g", ("data-series", series[s].Name), ("fill", ChartPalette.Of(s)));
            for (int c = 0; c < categories.Count; c++)
            {
                double value = series[s].Values[c];
                double from, to, left, width;
                if (layout == BarLayout.Stacked)
                {
                    (from, to) = (stackBase[c], stackBase[c] + value);
                    stackBase[c] = to;
                    (left, width) = (Middle(c) - (inner / 2), inner);
                }
                else
                {
                    (from, to) = (0, value);
                    width = inner / series.Count;
                    left = Middle(c) - (inner / 2) + (s * width);
                }

                double top = Math.Min(ys.Map(from), ys.Map(to));
                svg.Empty("rect", ("x", left), ("y", top), ("width", Math.Max(0.5, width - 1)), ("height", Math.Abs(ys.Map(to) - ys.Map(from))),
                    ("data-category", categories[c]), ("data-value", Markup.Data(value)));
            }

            svg.Close("g");
        }

        return ChartFrame.End(svg);
    }
}
