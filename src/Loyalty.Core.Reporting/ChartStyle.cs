namespace Loyalty.Core.Reporting;

/// <summary>Titles and size of one chart.</summary>
/// <param name="Title">Shown above the plot.</param>
/// <param name="XLabel">Under the x axis.</param>
/// <param name="YLabel">Beside the y axis.</param>
/// <param name="Width">Pixels, at least 200.</param>
/// <param name="Height">Pixels, at least 150.</param>
internal sealed record ChartText(string Title, string XLabel, string YLabel, int Width = 680, int Height = 360)
{
    internal void Validate()
    {
        var errors = new List<string>();
        if (Title is null || XLabel is null || YLabel is null)
        {
            errors.Add("Title, XLabel and YLabel are required (use an empty string for none).");
        }

        if (Width < 200)
        {
            errors.Add($"{nameof(Width)} must be at least 200 pixels (was {Width}).");
        }

        if (Height < 150)
        {
            errors.Add($"{nameof(Height)} must be at least 150 pixels (was {Height}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid chart text: " + string.Join(" ", errors), "text");
        }
    }
}

/// <summary>The series colours: the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.</summary>
internal static class ChartPalette
{
    private static readonly string[] Colours =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    /// <summary>The colour of the <paramref name="index"/>-th series (cycling).</summary>
    internal static string Of(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];
}
