using System.Globalization;
using System.Xml.Linq;

namespace Loyalty.Core.Tests.Reporting;

/// <summary>Reads chart SVG back as XML, so tests check elements and coordinates rather than text.</summary>
internal static class Svg
{
    internal static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    internal static XElement Parse(string svg) => XElement.Parse(svg);

    internal static IEnumerable<XElement> All(this XElement root, string name) => root.Descendants(Ns + name);

    internal static double Num(this XElement element, string attribute) =>
        double.Parse((string?)element.Attribute(attribute) ?? throw new InvalidOperationException($"no {attribute} on {element.Name.LocalName}"), CultureInfo.InvariantCulture);

    internal static string? Attr(this XElement element, string attribute) => (string?)element.Attribute(attribute);

    /// <summary>The group of one series (data-series) that holds marks, not the legend entry.</summary>
    internal static XElement Series(this XElement root, string name) =>
        root.All("g").Single(g => g.Attr("data-series") == name && g.Attr("data-role") != "legend");
}
