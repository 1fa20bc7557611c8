using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class LikelihoodGradientTests
{
    private static readonly CustomerPatterns Data = CustomerPatterns.From(CdnowData.Customers);

    public static TheoryData<string, double[]> Points => new()
    {
        { "bgnbd", [0.24, 4.4, 0.79, 2.4] },
        { "bgnbd", [1.5, 0.7, 3.0, 0.2] },
        { "mbgnbd", [0.52, 6.2, 0.89, 1.6] },
        { "paretonbd", [0.55, 10.6, 0.61, 11.7] },
        { "paretonbd", [0.55, 30.0, 0.61, 2.0] },   // α > β branch
        { "paretonbd", [0.9, 5.0, 1.3, 5.0] },      // α = β
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Evaluate_Gradient_MatchesCentralDifferences(string model, double[] theta)
    {
        LogLikelihood f = model switch
        {
            "bgnbd" => new BgNbdLikelihood(Data, false).Evaluate,
            "mbgnbd" => new BgNbdLikelihood(Data, true).Evaluate,
            _ => new ParetoNbdLikelihood(Data).Evaluate,
        };
        var u = theta.Select(t => Math.Log(t)).ToArray();
        var g = new double[4];
        f(u, g);
        for (int i = 0; i < 4; i++)
        {
            const double h = 1e-5; // total ℓ ≈ 1e4: rounding ≈ 1e-16·1e4/h, truncation ≈ h²
            var up = (double[])u.Clone();
            var down = (double[])u.Clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (f(up, new double[4]) - f(down, new double[4])) / (2 * h);
            Assert.True(Math.Abs(numeric - g[i]) <= 1e-6 * Math.Max(10, Math.Abs(numeric)), $"{model} ∂/∂u{i}: analytic {g[i]}, numeric {numeric}");
        }
    }
}
