using Loyalty.Core.Numerics;

namespace Loyalty.Core.Tests.Numerics;

public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1.0, -0.57721566490153286)]
    [InlineData(0.5, -1.9635100260214235)]
    [InlineData(10.0, 2.2517525890667211)]
    [InlineData(0.01, -100.56088545786867)]
    public void Digamma_KnownValues(double x, double expected) =>
        Assert.Equal(expected, Special.Digamma(x), 1e-9 * Math.Max(1, Math.Abs(expected)));

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.7)]
    [InlineData(45.1)]
    public void Digamma_IsDerivativeOfLogGamma(double x)
    {
        double h = 1e-5 * x;
        double numeric = (Special.LogGamma(x + h) - Special.LogGamma(x - h)) / (2 * h);
        Assert.Equal(numeric, Special.Digamma(x), 1e-7 * Math.Max(1, Math.Abs(numeric)));
    }

    [Fact]
    public void RisingTable_MatchesLogGammaDifferences()
    {
        var table = new RisingTable(50);
        table.Fill(0.37);
        for (int n = 0; n <= 50; n++)
        {
            Assert.Equal(Special.LogGamma(0.37 + n) - Special.LogGamma(0.37), table.Log(n), 1e-10);
            Assert.Equal(Special.Digamma(0.37 + n) - Special.Digamma(0.37), table.Derivative(n), 1e-10);
        }
    }

    [Fact]
    public void LogSumExp_LargeArguments_NoOverflow()
    {
        Assert.Equal(1000 + Math.Log(2), LogMath.LogSumExp([1000, 1000]), 1e-12);
        Assert.Equal(-1000 + Math.Log(2), LogMath.LogAddExp(-1000, -1000), 1e-12);
        Assert.Equal(5, LogMath.LogAddExp(double.NegativeInfinity, 5));
    }

    [Fact]
    public void OneMinusExpOver_AtZero_IsLimit() =>
        Assert.Equal(-(-0.7), LogMath.OneMinusExpOver(0, -0.7), 1e-15);
}
