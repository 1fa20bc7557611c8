using Loyalty.Core.Numerics;

namespace Loyalty.Core.Tests.Numerics;

public sealed class HypergeometricTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(-0.5)]
    [InlineData(-5)]
    public void Hyp2F1_OneOneTwo_IsLogFormula(double z) =>
        // 2F1(1, 1; 2; z) = −ln(1 − z)/z.
        Assert.Equal(-Math.Log(1 - z) / z, Hypergeometric.Hyp2F1(1, 1, 2, z), 1e-13 * Math.Max(1, Math.Abs(Math.Log(1 - z) / z)));

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.81)]
    public void Hyp2F1_HalfHalfThreeHalves_IsArcsin(double z2) =>
        // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z)/z.
        Assert.Equal(Math.Asin(Math.Sqrt(z2)) / Math.Sqrt(z2), Hypergeometric.Hyp2F1(0.5, 0.5, 1.5, z2), 1e-12);

    [Theory]
    [InlineData(2.5, 0.7)]
    [InlineData(0.3, -3)]
    public void Hyp2F1_BEqualsC_IsPower(double a, double z) =>
        Assert.Equal(Math.Pow(1 - z, -a), Hypergeometric.Hyp2F1(a, 1.7, 1.7, z), 1e-12 * Math.Pow(1 - z, -a));

    [Fact]
    public void Hyp2F1_ZAtOrAboveOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Hyp2F1(1, 1, 2, 1));

    [Theory]
    [InlineData(0.8, 2.4, 0.24, 3.0, 0.4)]
    [InlineData(1.3, 0.9, 0.5, 5.0, 0.9)]
    [InlineData(0.6, 1.1, 2.0, 1.0, 0.05)]
    public void ScaledCompletion_MatchesDirectFormula(double a, double b, double r, double x, double z)
    {
        // c·[1 − (1−z)^{a−1} 2F1(p, a−1; c; z)]/(a−1) with p = a+b−1−r, c = a+b+x−1, against the plain series.
        double p = a + b - 1 - r, c = a + b + x - 1;
        double direct = c * (1 - (Math.Pow(1 - z, a - 1) * Hypergeometric.Hyp2F1(p, a - 1, c, z))) / (a - 1);
        Assert.Equal(direct, Hypergeometric.ScaledCompletion(p, a, c, z, Math.Log(1 - z)), 1e-10 * Math.Abs(direct));
    }

    [Fact]
    public void ScaledCompletion_EulerForm_EqualsOriginalBgNbdBracket()
    {
        // (1 − z)^{r+x} 2F1(r+x, b+x; c; z) must equal (1 − z)^{a−1} 2F1(c−r−x, a−1; c; z) (Euler's transformation).
        double r = 0.24, a = 0.79, b = 2.43, x = 2, z = 0.45, c = a + b + x - 1;
        double original = Math.Pow(1 - z, r + x) * Hypergeometric.Hyp2F1(r + x, b + x, c, z);
        double completion = Hypergeometric.ScaledCompletion(c - r - x, a, c, z, Math.Log(1 - z));
        Assert.Equal(c * (1 - original) / (a - 1), completion, 1e-11);
    }
}
