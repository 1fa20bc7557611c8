using System.Diagnostics;
using Loyalty.Core.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Loyalty.Core.Lifetime;

/// <summary>A model's total log-likelihood ℓ and its gradient with respect to the log-parameters u = ln θ.</summary>
internal delegate double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient);

/// <summary>The result of <see cref="MaximumLikelihood.Fit"/>: natural-scale parameters and the report.</summary>
internal sealed record MaximumLikelihoodResult(double[] Parameters, FitReport Report);

/// <summary>
/// Maximum likelihood in log-parameter space (positivity for free, better conditioning): L-BFGS on the
/// per-customer objective, then the observed information from the Hessian for standard errors.
/// </summary>
internal static class MaximumLikelihood
{
    internal static MaximumLikelihoodResult Fit(
        string[] names,
        double[] defaultStart,
        LogLikelihood logLikelihood,
        double observations,
        int patterns,
        FitOptions options,
        CancellationToken cancellationToken)
    {
        options.Validate(names);
        var clock = Stopwatch.StartNew();
        var start = new double[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            double v = options.InitialValues is { } init && init.TryGetValue(names[i], out double given) ? given : defaultStart[i];
            start[i] = Math.Log(v);
        }

        double lambda = options.Penalizer;
        double scale = 1.0 / observations;
        Objective objective = (u, g) =>
        {
            double ll = logLikelihood(u, g);
            double value = -ll * scale;
            for (int i = 0; i < u.Length; i++)
            {
                double theta2 = Math.Exp(2 * u[i]);
                value += lambda * theta2;
                g[i] = (-g[i] * scale) + (2 * lambda * theta2);
            }

            return value;
        };

        var result = Lbfgs.Minimize(objective, start, new LbfgsSettings(options.MaxIterations, options.GradientTolerance), cancellationToken);
        var gradient = new double[names.Length];
        double finalLl = logLikelihood(result.X, gradient);
        var hessian = NumericalHessian.Compute(objective, result.X);
        var (errors, covariance, note) = StandardErrors(hessian, result.X, observations);
        clock.Stop();

        var parameters = result.X.Select(Math.Exp).ToArray();
        var seByName = new Dictionary<string, double>(names.Length);
        for (int i = 0; i < names.Length; i++)
        {
            seByName[names[i]] = errors[i];
        }

        string message = result.Message + note;
        if (parameters.Any(p => !double.IsFinite(p) || p <= 0))
        {
            message += " Some parameters left the representable range; the fit is not usable.";
        }

        var report = new FitReport(
            result.Converged && parameters.All(double.IsFinite),
            result.Iterations,
            result.GradientNorm,
            finalLl,
            seByName,
            observations,
            patterns,
            clock.Elapsed.TotalSeconds,
            message)
        {
            LogParameterCovariance = covariance,
        };
        return new MaximumLikelihoodResult(parameters, report);
    }

    /// <summary>SE(θ_i) = θ_i·sqrt(Σ_ii), Σ = (W·H)⁻¹ the covariance of u = ln θ (delta method).</summary>
    private static (double[] Errors, double[] Covariance, string Note) StandardErrors(double[,] hessian, double[] u, double observations)
    {
        int n = u.Length;
        var errors = Enumerable.Repeat(double.NaN, n).ToArray();
        var h = Matrix<double>.Build.DenseOfArray(hessian) * observations;
        if (!h.Enumerate().All(double.IsFinite))
        {
            return (errors, [], " The Hessian is not finite; standard errors are unavailable.");
        }

        bool positive = h.Evd().EigenValues.All(e => e.Real > 0);
        if (!positive)
        {
            return (errors, [], " The Hessian is not positive definite (a flat or boundary optimum); standard errors are unavailable.");
        }

        var covariance = h.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(n));
        for (int i = 0; i < n; i++)
        {
            errors[i] = Math.Exp(u[i]) * Math.Sqrt(covariance[i, i]);
        }

        return (errors, covariance.ToRowMajorArray(), "");
    }
}
