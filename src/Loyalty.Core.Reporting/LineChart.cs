namespace Loyalty.Core.Reporting;

/// <summary>One named line: points (x, y) in drawing order.</summary>
internal sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>Several lines on shared axes: one &lt;path data-series&gt; per series, with its point count.</summary>
internal static class LineChart
{
    /// <summary>Renders the chart.</summary>
    /// <param name="text">Title, axis labels and size.</param>
    /// <param name="series">At least one series; each with as many finite y as x values, and at least one point.</param>
    /// <param name="yFromZero">Whether the y axis starts at zero (for counts and rates).</param>
    /// <exception cref="ArgumentException">No series, an empty series, a length mismatch or a non-finite value; names
    /// the parameter.</exception>
    internal static string Render(ChartText text, IReadOnlyList<LineSeries> series, bool yFromZero = true)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("A line chart needs at least one series.", nameof(series));
        }

        foreach (var s in series)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(series));
            ChartData.RequireFinite(s.X, nameof(series));
            ChartData.RequireSameLength(s.Y, s.X.Count, nameof(series), $"series '{s.Name}' x");
            ChartData.RequireFinite(s.Y, nameof(series));
            if (s.X.Count == 0)
            {
                throw new ArgumentException($"Series '{s.Name}' has no points.", nameof(series));
            }
        }

        var frame = new ChartFrame("line", text, series.Select(s => s.Name).ToList());
        var (xMin, xMax) = ChartData.Extent(series.Select(s => s.X));
        var (yMin, yMax) = ChartData.Extent(series.Select(s => s.Y));
        var xs = LinearScale.Nice(xMin, xMax, frame.PlotLeft, frame.PlotRight);
        var ys = LinearScale.Nice(yFromZero ? Math.Min(0, yMin) : yMin, yFromZero ? Math.Max(0, yMax) : yMax, frame.PlotBottom, frame.PlotTop);
        var svg = frame.Begin();
        frame.YAxis(svg, ys);
        frame.XAxis(svg, xs);
        for (int s = 0; s < series.Count; s++)
        {
            var path = new System.Text.StringBuilder();
            for (int i = 0; i < series[s].X.Count; i++)
            {
                path.Append(i == 0 ? 'M' : 'L').Append(Markup.Coordinate(xs.Map(series[s].X[i]))).Append(',').Append(Markup.Coordinate(ys.Map(series[s].Y[i])));
            }

            svg.Empty("path", ("d", path.ToString()), ("fill", "none"), ("stroke", ChartPalette.Of(s)), ("stroke-width", 2),
                ("data-series", series[s].Name), ("data-points", series[s].X.Count));
        }

        return ChartFrame.End(svg);
    }
}
