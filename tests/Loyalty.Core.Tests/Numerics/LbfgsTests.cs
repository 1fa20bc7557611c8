using Loyalty.Core.Numerics;

namespace Loyalty.Core.Tests.Numerics;

public sealed class LbfgsTests
{
    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        double a = 1 - x[0], b = x[1] - (x[0] * x[0]);
        g[0] = (-2 * a) - (400 * x[0] * b);
        g[1] = 200 * b;
        return (a * a) + (100 * b * b);
    }

    [Fact]
    public void Minimize_Rosenbrock_ReachesOptimum()
    {
        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsSettings(500, 1e-10));
        Assert.True(result.Converged, result.Message);
        Assert.Equal(1.0, result.X[0], 1e-8);
        Assert.Equal(1.0, result.X[1], 1e-8);
    }

    [Fact]
    public void Minimize_IterationLimit_ReportsNotConverged()
    {
        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsSettings(3, 1e-10));
        Assert.False(result.Converged);
        Assert.Contains("Iteration limit", result.Message);
        Assert.True(result.GradientNorm > 1e-10);
    }

    [Fact]
    public void Minimize_ObjectiveFlatButGradientNot_StopsAsStalledInsteadOfRunningToTheLimit()
    {
        // f is flat to rounding while the gradient says otherwise (as a likelihood near its optimum, whose analytic
        // gradient and value disagree at the last digits): steps are accepted within f's noise and change nothing.
        Objective f = (x, g) =>
        {
            g[0] = 1e-3;
            return 1.0;
        };
        var result = Lbfgs.Minimize(f, [0.0], new LbfgsSettings(1000, 1e-10));
        Assert.False(result.Converged);
        Assert.Contains("Stalled", result.Message);
        Assert.True(result.Iterations <= 10, $"{result.Iterations} iterations");
    }

    [Fact]
    public void Minimize_DomainBoundary_BacktracksFromNonFinite()
    {
        // f = x − ln x has its minimum at 1 and is undefined for x ≤ 0; a long first step must be shortened.
        Objective f = (x, g) =>
        {
            g[0] = 1 - (1 / x[0]);
            return x[0] > 0 ? x[0] - Math.Log(x[0]) : double.NaN;
        };
        var result = Lbfgs.Minimize(f, [8.0], new LbfgsSettings(200, 1e-10));
        Assert.True(result.Converged, result.Message);
        Assert.Equal(1.0, result.X[0], 1e-8);
    }

    [Fact]
    public void NumericalHessian_Quadratic_IsExact()
    {
        Objective f = (x, g) =>
        {
            g[0] = (6 * x[0]) + (2 * x[1]);
            g[1] = (2 * x[0]) + (4 * x[1]);
            return (3 * x[0] * x[0]) + (2 * x[0] * x[1]) + (2 * x[1] * x[1]);
        };
        var h = NumericalHessian.Compute(f, [0.3, -2.0]);
        Assert.Equal(6, h[0, 0], 1e-6);
        Assert.Equal(2, h[0, 1], 1e-6);
        Assert.Equal(4, h[1, 1], 1e-6);
    }
}
