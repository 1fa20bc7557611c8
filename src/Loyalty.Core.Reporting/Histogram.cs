namespace Loyalty.Core.Reporting;

/// <summary>Counts of values in equal-width bins: one &lt;rect&gt; per bin carrying its bounds and count.</summary>
internal static class Histogram
{
    /// <summary>Counts <paramref name="values"/> in <paramref name="bins"/> equal bins over [min, max]; the last bin
    /// includes max.</summary>
    /// <exception cref="ArgumentException">A value is not finite; names the parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one bin.</exception>
    internal static (double[] Edges, long[] Counts) Bin(IReadOnlyList<double> values, int bins)
    {
        ChartData.RequireFinite(values, nameof(values));
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var (min, max) = ChartData.Extent([values]);
        if (max == min)
        {
            max = min + 1;
        }

        var edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++)
        {
            edges[b] = min + ((max - min) * b / bins);
        }

        var counts = new long[bins];
        foreach (double v in values)
        {
            counts[Math.Min(bins - 1, (int)((v - min) / (max - min) * bins))]++;
        }

        return (edges, counts);
    }

    /// <summary>Renders the histogram of <paramref name="values"/>.</summary>
    /// <param name="text">Title, axis labels and size.</param>
    /// <param name="values">The values, finite.</param>
    /// <param name="bins">Number of bins, at least 1.</param>
    /// <param name="series">Name of the series (data-series of the bars).</param>
    /// <exception cref="ArgumentException">A value is not finite; names the parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one bin.</exception>
    internal static string Render(ChartText text, IReadOnlyList<double> values, int bins = 30, string series = "count")
    {
        ArgumentNullException.ThrowIfNull(series);
        var (edges, counts) = Bin(values, bins);
        var frame = new ChartFrame("histogram", text, []);
        var xs = new LinearScale(edges[0], edges[^1], frame.PlotLeft, frame.PlotRight);
        var ys = LinearScale.Nice(0, Math.Max(1, counts.Max()), frame.PlotBottom, frame.PlotTop);
        var svg = frame.Begin();
        frame.YAxis(svg, ys);
        frame.XAxis(svg, xs);
        svg.Open("g", ("data-series", series), ("fill", ChartPalette.Of(0)));
        for (int b = 0; b < counts.Length; b++)
        {
            double left = xs.Map(edges[b]), right = xs.Map(edges[b + 1]), top = ys.Map(counts[b]);
            svg.Empty("rect", ("x", left + 0.5), ("y", top), ("width", Math.Max(0.5, right - left - 1)), ("height", ys.Map(0) - top),
                ("data-low", Markup.Data(edges[b])), ("data-high", Markup.Data(edges[b + 1])), ("data-count", counts[b]));
        }

        svg.Close("g");
        return ChartFrame.End(svg);
    }
}
