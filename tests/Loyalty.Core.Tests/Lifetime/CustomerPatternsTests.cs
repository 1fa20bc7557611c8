using Loyalty.Core.Lifetime;

namespace Loyalty.Core.Tests.Lifetime;

public sealed class CustomerPatternsTests
{
    private static CustomerSummary C(int x, double tx, double t) => new(new CustomerId("c"), x, tx, t, 0);

    [Fact]
    public void From_Cdnow_CompressesTo1016Patterns()
    {
        var p = CustomerPatterns.From(CdnowData.Customers);
        Assert.Equal(1016, p.Count);
        Assert.Equal(2357, p.TotalWeight);
    }

    [Fact]
    public void From_BadRows_ReportsEachWithIndexAndField()
    {
        var ex = Assert.Throws<ArgumentException>(() => CustomerPatterns.From([C(1, 2, 3), C(-1, 0, 3), C(3, 40.2, 38.9), C(0, 1, 5)]));
        Assert.Contains("customers[1].Frequency (-1) must be ≥ 0", ex.Message);
        Assert.Contains("customers[2].Recency (40.2) exceeds T (38.9)", ex.Message);
        Assert.Contains("customers[3].Recency (1) must be 0 when Frequency is 0", ex.Message);
    }

    [Fact]
    public void From_Empty_Throws() =>
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => CustomerPatterns.From([])).Message);

    [Fact]
    public void Fit_AllZeroFrequencies_ThrowsNamedError() =>
        Assert.Contains("every customer has Frequency 0", Assert.Throws<ArgumentException>(() => new BgNbdFitter().Fit([C(0, 0, 3), C(0, 0, 5)])).Message);

    [Fact]
    public void Fit_NaNT_Throws() =>
        Assert.Contains("T (NaN)", Assert.Throws<ArgumentException>(() => new ParetoNbdFitter().Fit([C(1, 1, double.NaN)])).Message);

    [Fact]
    public void Fit_IterationLimit_ReportsNotConverged()
    {
        var m = new BgNbdFitter(new FitOptions { MaxIterations = 2 }).FitModel(CdnowData.Customers);
        Assert.False(m.Report!.Converged);
        Assert.Contains("Iteration limit", m.Report.Message);
    }

    [Fact]
    public void FitOptions_Invalid_ReportsEveryProblem()
    {
        var options = new FitOptions { Penalizer = -1, MaxIterations = 0, GradientTolerance = 0, InitialValues = new Dictionary<string, double> { ["zeta"] = 1, ["r"] = -2 } };
        var ex = Assert.Throws<ArgumentException>(() => new BgNbdFitter(options).Fit(CdnowData.Customers));
        foreach (string part in new[] { "FitOptions.Penalizer must be a finite number >= 0 (was -1)", "FitOptions.MaxIterations must be >= 1 (was 0)", "FitOptions.GradientTolerance must be a finite number > 0 (was 0)", "FitOptions.InitialValues['zeta'] must name a parameter of this model", "FitOptions.InitialValues['r'] must be a finite number > 0 (was -2)" })
        {
            Assert.Contains(part, ex.Message);
        }
    }

    [Fact]
    public void Fit_Penalizer_ShrinksParameters()
    {
        var plain = new BgNbdFitter().FitModel(CdnowData.Customers);
        var penalized = new BgNbdFitter(new FitOptions { Penalizer = 0.1 }).FitModel(CdnowData.Customers);
        Assert.True(penalized.Report!.Converged, penalized.Report.Message);
        Assert.True(penalized.Alpha < plain.Alpha && penalized.B < plain.B);
        Assert.True(penalized.LogLikelihood < plain.LogLikelihood);
    }
}
