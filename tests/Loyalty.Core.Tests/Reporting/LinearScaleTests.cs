using Loyalty.Core.Reporting;

namespace Loyalty.Core.Tests.Reporting;

public sealed class LinearScaleTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Map_EndsAndMiddle_MapLinearly()
    {
        var scale = new LinearScale(10, 20, 100, 300);

        Assert.Equal(100, scale.Map(10), Tolerance);
        Assert.Equal(300, scale.Map(20), Tolerance);
        Assert.Equal(200, scale.Map(15), Tolerance);
    }

    [Fact]
    public void Map_ReversedRange_CountsDownwardsAsAnSvgYAxis()
    {
        var scale = new LinearScale(0, 1, 300, 60);

        Assert.Equal(300, scale.Map(0), Tolerance);
        Assert.Equal(60, scale.Map(1), Tolerance);
        Assert.Equal(180, scale.Map(0.5), Tolerance);
    }

    [Fact]
    public void Constructor_EmptyDomain_WidensAroundTheValue()
    {
        var scale = new LinearScale(5, 5, 0, 100);

        Assert.Equal(4.5, scale.DomainMin, Tolerance);
        Assert.Equal(5.5, scale.DomainMax, Tolerance);
        Assert.Equal(50, scale.Map(5), Tolerance);
    }

    [Fact]
    public void Nice_RoundsTheDomainOutToTicks()
    {
        var scale = LinearScale.Nice(0.3, 9.7, 0, 100);

        Assert.Equal(0, scale.DomainMin, Tolerance);
        Assert.Equal(10, scale.DomainMax, Tolerance);
        Assert.Equal([0, 2, 4, 6, 8, 10], scale.Ticks());
    }

    [Theory]
    [InlineData(0, 100, 5, 20)]
    [InlineData(0, 1, 5, 0.2)]
    [InlineData(0, 7, 5, 1)]
    [InlineData(0, 0.003, 5, 0.0005)]
    [InlineData(-50, 250, 5, 50)]
    public void NiceStep_IsOneTwoOrFiveTimesAPowerOfTen(double min, double max, int target, double expected)
    {
        Assert.Equal(expected, LinearScale.NiceStep(min, max, target), 1e-12);
    }

    [Fact]
    public void Ticks_DecimalSteps_HaveNoFloatingPointDrift()
    {
        var ticks = new LinearScale(0, 1, 0, 100).Ticks();

        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], ticks);
        Assert.Equal(1, new LinearScale(0, 1, 0, 100).TickDecimals());
        Assert.Equal(0, new LinearScale(0, 2000, 0, 100).TickDecimals());
    }

    [Theory]
    [InlineData(double.NaN, 1, "domainMin")]
    [InlineData(0, double.PositiveInfinity, "domainMax")]
    [InlineData(2, 1, "domainMax")]
    public void Constructor_BadDomain_ThrowsNamingTheParameter(double min, double max, string parameter)
    {
        var ex = Assert.Throws<ArgumentException>(() => new LinearScale(min, max, 0, 100));
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Nice_NaNBound_ThrowsNamingTheParameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => LinearScale.Nice(0, double.NaN, 0, 100));
        Assert.Equal("max", ex.ParamName);
    }

    [Fact]
    public void Ticks_TargetBelowTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearScale(0, 1, 0, 1).Ticks(1));
    }
}
