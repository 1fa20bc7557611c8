using System.Text;

namespace Loyalty.Core.Reporting;

/// <summary>Writes SVG elements into one string. Every attribute value is escaped and every number formatted
/// invariantly here, so chart code cannot forget either.</summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Opens an element that will hold others; close it with <see cref="Close"/>.</summary>
    internal SvgWriter Open(string name, params (string Name, object? Value)[] attributes)
    {
        Start(name, attributes);
        _text.Append(">\n");
        _depth++;
        return this;
    }

    /// <summary>Closes the element opened last.</summary>
    internal SvgWriter Close(string name)
    {
        _depth--;
        _text.Append("</").Append(name).Append(">\n");
        return this;
    }

    /// <summary>An element without children.</summary>
    internal SvgWriter Empty(string name, params (string Name, object? Value)[] attributes)
    {
        Start(name, attributes);
        _text.Append("/>\n");
        return this;
    }

    /// <summary>An element holding text (escaped).</summary>
    internal SvgWriter Text(string name, string text, params (string Name, object? Value)[] attributes)
    {
        Start(name, attributes);
        _text.Append('>').Append(Markup.Escape(text)).Append("</").Append(name).Append(">\n");
        return this;
    }

    /// <summary>The SVG written so far.</summary>
    /// <exception cref="InvalidOperationException">An element is still open.</exception>
    public override string ToString() => _depth == 0
        ? _text.ToString()
        : throw new InvalidOperationException($"{_depth} SVG element(s) are still open.");

    private void Start(string name, (string Name, object? Value)[] attributes)
    {
        _text.Append('<').Append(name);
        foreach (var (attribute, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            string text = value switch
            {
                double d => Markup.Coordinate(d),
                float f => Markup.Coordinate(f),
                int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => Markup.Escape(value.ToString()),
            };
            _text.Append(' ').Append(attribute).Append("=\"").Append(text).Append('"');
        }
    }
}
