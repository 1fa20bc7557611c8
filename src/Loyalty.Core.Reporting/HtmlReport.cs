using System.Text;

namespace Loyalty.Core.Reporting;

/// <summary>
/// One self-contained HTML page: inline CSS, inline SVG charts, no script and no external resource, so it opens
/// from disk, prints, and can be mailed as one file. Sections carry data-section ids for tests and links.
/// </summary>
internal sealed class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222;line-height:1.45;padding:0 1rem}
        h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
        table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .6rem}
        th{background:#f3f3f3;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
        figure{margin:1rem 0}figcaption{font-size:.85rem;color:#555;max-width:680px}svg{display:block;max-width:100%;height:auto}
        nav a{margin-right:.8rem}p.note{color:#555;font-size:.9rem}
        """;

    private readonly string _title;
    private readonly List<(string Id, string Heading, StringBuilder Body)> _sections = [];

    internal HtmlReport(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        _title = title;
    }

    /// <summary>Starts a section; the blocks added next go into it.</summary>
    /// <exception cref="ArgumentException">The id is blank or used already.</exception>
    internal HtmlReport Section(string id, string heading)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(heading);
        if (_sections.Any(s => s.Id == id))
        {
            throw new ArgumentException($"Section id '{id}' is used twice.", nameof(id));
        }

        _sections.Add((id, heading, new StringBuilder()));
        return this;
    }

    /// <summary>A paragraph of plain text (escaped).</summary>
    internal HtmlReport Paragraph(string text, bool note = false)
    {
        Current().Append(note ? "<p class=\"note\">" : "<p>").Append(Markup.Escape(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A table; cells that parse as numbers are right-aligned.</summary>
    /// <exception cref="ArgumentException">A row has a different number of cells than the header.</exception>
    internal HtmlReport Table(string id, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var body = Current();
        body.Append("<table data-table=\"").Append(Markup.Escape(id)).Append("\"><thead><tr>");
        foreach (var cell in header)
        {
            body.Append("<th>").Append(Markup.Escape(cell)).Append("</th>");
        }

        body.Append("</tr></thead><tbody>\n");
        int index = 0;
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"Row {index} has {row.Count} cells; the header has {header.Count}.", nameof(rows));
            }

            body.Append("<tr>");
            foreach (var cell in row)
            {
                bool numeric = double.TryParse(cell.Replace(",", string.Empty, StringComparison.Ordinal).TrimEnd('%'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
                body.Append(numeric ? "<td class=\"n\">" : "<td>").Append(Markup.Escape(cell)).Append("</td>");
            }

            body.Append("</tr>\n");
            index++;
        }

        body.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>A chart (SVG made by this namespace's charts, inserted as is) with its caption.</summary>
    internal HtmlReport Chart(string svg, string caption)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (!svg.StartsWith("<svg", StringComparison.Ordinal))
        {
            throw new ArgumentException("Expected an <svg> element from one of the report charts.", nameof(svg));
        }

        Current().Append("<figure>\n").Append(svg).Append("<figcaption>").Append(Markup.Escape(caption)).Append("</figcaption>\n</figure>\n");
        return this;
    }

    /// <summary>The whole page.</summary>
    internal string Render()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Markup.Escape(_title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Markup.Escape(_title)).Append("</h1>\n<nav>");
        foreach (var (id, heading, _) in _sections)
        {
            page.Append("<a href=\"#").Append(Markup.Escape(id)).Append("\">").Append(Markup.Escape(heading)).Append("</a>");
        }

        page.Append("</nav>\n");
        foreach (var (id, heading, body) in _sections)
        {
            page.Append("<section id=\"").Append(Markup.Escape(id)).Append("\" data-section=\"").Append(Markup.Escape(id)).Append("\">\n<h2>")
                .Append(Markup.Escape(heading)).Append("</h2>\n").Append(body).Append("</section>\n");
        }

        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    private StringBuilder Current() => _sections.Count > 0
        ? _sections[^1].Body
        : throw new InvalidOperationException("Start a section before adding content.");
}
