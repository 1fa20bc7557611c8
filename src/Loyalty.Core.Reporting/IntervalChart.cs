namespace Loyalty.Core.Reporting;

/// <summary>A point estimate with its interval.</summary>
/// <param name="Label">Category under the estimate.</param>
/// <param name="Estimate">The point estimate, within [Low, High].</param>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
internal sealed record IntervalEstimate(string Label, double Estimate, double Low, double High);

/// <summary>Point estimates with interval bars and a zero line: one &lt;g data-series&gt; per estimate holding an
/// interval line and an estimate dot, with the values as data attributes.</summary>
internal static class IntervalChart
{
    /// <summary>Renders the chart.</summary>
    /// <param name="text">Title, axis labels and size.</param>
    /// <param name="estimates">At least one estimate; all finite with Low ≤ Estimate ≤ High.</param>
    /// <exception cref="ArgumentException">No estimates, a non-finite value, or an estimate outside its interval;
    /// names the parameter.</exception>
    internal static string Render(ChartText text, IReadOnlyList<IntervalEstimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        if (estimates.Count == 0)
        {
            throw new ArgumentException("An interval chart needs at least one estimate.", nameof(estimates));
        }

        for (int i = 0; i < estimates.Count; i++)
        {
            var e = estimates[i] ?? throw new ArgumentException($"estimates[{i}] is null.", nameof(estimates));
            ChartData.RequireFinite([e.Estimate, e.Low, e.High], nameof(estimates));
            if (!(e.Low <= e.Estimate && e.Estimate <= e.High))
            {
                throw new ArgumentException($"estimates[{i}] ('{e.Label}'): the estimate {e.Estimate} is not within [{e.Low}, {e.High}].", nameof(estimates));
            }
        }

        var frame = new ChartFrame("interval", text, []);
        double min = Math.Min(0, estimates.Min(e => e.Low)), max = Math.Max(0, estimates.Max(e => e.High));
        var ys = LinearScale.Nice(min, max, frame.PlotBottom, frame.PlotTop);
        double band = (frame.PlotRight - frame.PlotLeft) / estimates.Count;
        double Middle(int c) => frame.PlotLeft + (band * (c + 0.5));
        var svg = frame.Begin();
        frame.YAxis(svg, ys);
        frame.CategoryAxis(svg, estimates.Select(e => e.Label).ToList(), Middle);
        svg.Empty("line", ("x1", frame.PlotLeft), ("x2", frame.PlotRight), ("y1", ys.Map(0)), ("y2", ys.Map(0)), ("stroke", "#888"), ("stroke-dasharray", "4 3"), ("data-role", "zero"));
        for (int i = 0; i < estimates.Count; i++)
        {
            var e = estimates[i];
            double x = Middle(i);
            string colour = ChartPalette.Of(i);
            svg.Open("g", ("data-series", e.Label), ("data-estimate", Markup.Data(e.Estimate)), ("data-low", Markup.Data(e.Low)), ("data-high", Markup.Data(e.High)));
            svg.Empty("line", ("x1", x), ("x2", x), ("y1", ys.Map(e.Low)), ("y2", ys.Map(e.High)), ("stroke", colour), ("stroke-width", 2), ("data-role", "interval"));
            foreach (double bound in new[] { e.Low, e.High })
            {
                svg.Empty("line", ("x1", x - 6), ("x2", x + 6), ("y1", ys.Map(bound)), ("y2", ys.Map(bound)), ("stroke", colour), ("stroke-width", 2));
            }

            svg.Empty("circle", ("cx", x), ("cy", ys.Map(e.Estimate)), ("r", 5), ("fill", colour), ("data-role", "estimate"));
            svg.Close("g");
        }

        return ChartFrame.End(svg);
    }
}
