using Loyalty.Core.Validation;

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
        var v = new OptionsValidator(nameof(ChartText));
        v.NotNull(nameof(Title), Title);
        v.NotNull(nameof(XLabel), XLabel);
        v.NotNull(nameof(YLabel), YLabel);
        v.AtLeast(nameof(Width), Width, 200);
        v.AtLeast(nameof(Height), Height, 150);
        v.ThrowIfInvalid("text");
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
