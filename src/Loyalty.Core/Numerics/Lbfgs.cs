namespace Loyalty.Core.Numerics;

/// <summary>An objective: returns f(x) and writes ∇f(x) into <c>gradient</c>. Non-finite values mean "outside the
/// domain"; the line search then shortens the step.</summary>
internal delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Settings of <see cref="Lbfgs"/>.</summary>
/// <param name="MaxIterations">Iteration limit.</param>
/// <param name="GradientTolerance">Converged when max |∂f/∂x_i| falls below this.</param>
/// <param name="Memory">Number of correction pairs kept.</param>
internal sealed record LbfgsSettings(int MaxIterations = 500, double GradientTolerance = 1e-9, int Memory = 8);

/// <summary>The outcome of a minimization; <see cref="Converged"/> is true only when the gradient test passed.</summary>
internal sealed record MinimizationResult(
    double[] X,
    double Value,
    double[] Gradient,
    int Iterations,
    int Evaluations,
    bool Converged,
    string Message)
{
    /// <summary>max |∂f/∂x_i| at <see cref="X"/>.</summary>
    internal double GradientNorm => Lbfgs.InfinityNorm(Gradient);
}

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, Numerical Optimization, alg. 7.4) with a strong-Wolfe line search
/// (alg. 3.5–3.6). Written here rather than taken from MathNet because the fitters need non-finite objective values
/// treated as "step too long" and a result that says why it stopped instead of an exception.
/// </summary>
internal static class Lbfgs
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;

    // Iterations in a row that neither lower f nor reach a new smallest gradient before the search gives up: past the
    // rounding noise of f (or where the gradient disagrees slightly with f), the line search can keep accepting
    // steps that change nothing, and each such iteration costs dozens of evaluations.
    private const int StallLimit = 3;

    internal static MinimizationResult Minimize(
        Objective f, double[] start, LbfgsSettings settings, CancellationToken cancellationToken = default)
    {
        int n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        double fx = f(x, g);
        int evaluations = 1;
        if (!double.IsFinite(fx) || !AllFinite(g))
        {
            return new MinimizationResult(x, fx, g, 0, evaluations, false, "The objective is not finite at the start.");
        }

        int m = settings.Memory;
        var s = new double[m][];
        var y = new double[m][];
        var rho = new double[m];
        var alpha = new double[m];
        int stored = 0, head = 0;
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        double smallestGradient = InfinityNorm(g);
        int stalled = 0;

        for (int iteration = 0; iteration < settings.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (InfinityNorm(g) <= settings.GradientTolerance)
            {
                return new MinimizationResult(x, fx, g, iteration, evaluations, true, "Gradient below tolerance.");
            }

            // Two-loop recursion: d = −H·g.
            for (int i = 0; i < n; i++)
            {
                d[i] = -g[i];
            }

            for (int k = 0; k < stored; k++)
            {
                int j = (head - 1 - k + m) % m;
                alpha[j] = rho[j] * Dot(s[j], d);
                Axpy(-alpha[j], y[j], d);
            }

            double gamma = stored > 0 ? Dot(s[(head - 1 + m) % m], y[(head - 1 + m) % m]) / Dot(y[(head - 1 + m) % m], y[(head - 1 + m) % m]) : 1.0 / Math.Max(1.0, Norm2(g));
            for (int i = 0; i < n; i++)
            {
                d[i] *= gamma;
            }

            for (int k = stored - 1; k >= 0; k--)
            {
                int j = (head - 1 - k + m) % m;
                double beta = rho[j] * Dot(y[j], d);
                Axpy(alpha[j] - beta, s[j], d);
            }

            double slope = Dot(g, d);
            if (!(slope < 0))
            {
                // Not a descent direction (curvature information went stale): restart from steepest descent.
                stored = 0;
                for (int i = 0; i < n; i++)
                {
                    d[i] = -g[i] / Math.Max(1.0, Norm2(g));
                }

                slope = Dot(g, d);
            }

            var search = LineSearch(f, x, fx, d, slope, xNew, gNew, ref evaluations);
            if (!search.Ok)
            {
                return new MinimizationResult(x, fx, g, iteration, evaluations, false,
                    "The line search found no acceptable step (the objective may be flat or noisy at this point).");
            }

            var sk = s[head] ??= new double[n];
            var yk = y[head] ??= new double[n];
            for (int i = 0; i < n; i++)
            {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }

            double sy = Dot(sk, yk);
            double fOld = fx;
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            fx = search.Value;
            if (sy > 1e-300)
            {
                rho[head] = 1.0 / sy;
                head = (head + 1) % m;
                stored = Math.Min(stored + 1, m);
            }

            double gradientNorm = InfinityNorm(g);
            if (fOld - fx <= 1e-16 * Math.Max(1.0, Math.Abs(fx)) && gradientNorm <= settings.GradientTolerance)
            {
                return new MinimizationResult(x, fx, g, iteration + 1, evaluations, true, "Gradient below tolerance.");
            }

            bool progressed = fOld - fx > 1e-15 * Math.Max(1.0, Math.Abs(fx)) || gradientNorm < smallestGradient;
            smallestGradient = Math.Min(smallestGradient, gradientNorm);
            stalled = progressed ? 0 : stalled + 1;
            if (stalled >= StallLimit)
            {
                return new MinimizationResult(x, fx, g, iteration + 1, evaluations, false,
                    $"Stalled: {StallLimit} iterations lowered neither the objective (flat to rounding here) nor the gradient, " +
                    $"whose largest component ({gradientNorm:G3}) is still above the tolerance ({settings.GradientTolerance:G3}).");
            }
        }

        bool converged = InfinityNorm(g) <= settings.GradientTolerance;
        return new MinimizationResult(x, fx, g, settings.MaxIterations, evaluations, converged,
            converged ? "Gradient below tolerance." : $"Iteration limit ({settings.MaxIterations}) reached.");
    }

    private readonly record struct StepResult(bool Ok, double Value);

    private static StepResult LineSearch(
        Objective f, double[] x, double fx, double[] d, double slope, double[] xNew, double[] gNew,
        ref int evaluations)
    {
        // Near the optimum f changes by less than its rounding error; allowing that much "increase" (the approximate
        // Wolfe conditions of Hager & Zhang) lets the gradient, which is still accurate there, finish the job.
        double noise = 1e-14 * Math.Abs(fx);
        double stepPrev = 0, fPrev = fx, slopePrev = slope;
        double step = 1.0;
        for (int trial = 0; trial < 60; trial++)
        {
            double fs = Evaluate(f, x, d, step, xNew, gNew, ref evaluations);
            if (!double.IsFinite(fs))
            {
                // Outside the domain: treat as a very high value and shorten.
                step = stepPrev + ((step - stepPrev) * 0.1);
                continue;
            }

            double slopeNew = Dot(gNew, d);
            if (fs > fx + (C1 * step * slope) + noise || (trial > 0 && fs > fPrev + noise))
            {
                return Zoom(f, x, fx + noise, slope, d, stepPrev, fPrev, slopePrev, step, fs, slopeNew, xNew, gNew, ref evaluations);
            }

            if (Math.Abs(slopeNew) <= -C2 * slope)
            {
                return new StepResult(true, fs);
            }

            if (slopeNew >= 0)
            {
                return Zoom(f, x, fx, slope, d, step, fs, slopeNew, stepPrev, fPrev, slopePrev, xNew, gNew, ref evaluations);
            }

            stepPrev = step;
            fPrev = fs;
            slopePrev = slopeNew;
            step *= 2.5;
        }

        return new StepResult(false, fx);
    }

    private static StepResult Zoom(
        Objective f, double[] x, double fx, double slope, double[] d,
        double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi,
        double[] xNew, double[] gNew, ref int evaluations)
    {
        for (int trial = 0; trial < 60; trial++)
        {
            double step = CubicMinimizer(lo, fLo, slopeLo, hi, fHi, slopeHi);
            double fs = Evaluate(f, x, d, step, xNew, gNew, ref evaluations);
            double slopeNew = Dot(gNew, d);
            if (!double.IsFinite(fs) || fs > fx + (C1 * step * slope) || fs > fLo)
            {
                hi = step;
                fHi = double.IsFinite(fs) ? fs : double.MaxValue;
                slopeHi = double.IsFinite(slopeNew) ? slopeNew : 0;
            }
            else
            {
                if (Math.Abs(slopeNew) <= -C2 * slope)
                {
                    return new StepResult(true, fs);
                }

                if (slopeNew * (hi - lo) >= 0)
                {
                    hi = lo;
                    fHi = fLo;
                    slopeHi = slopeLo;
                }

                lo = step;
                fLo = fs;
                slopeLo = slopeNew;
            }

            if (Math.Abs(hi - lo) < 1e-16 * Math.Max(1.0, Math.Abs(lo)))
            {
                break;
            }
        }

        // Accept the best sufficient-decrease point if the interval collapsed; it still lowers f.
        if (lo > 0 && fLo < fx)
        {
            double fs = Evaluate(f, x, d, lo, xNew, gNew, ref evaluations);
            return new StepResult(true, fs);
        }

        return new StepResult(false, fx);
    }

    /// <summary>The minimizer of the cubic through two points with slopes, kept inside the bracket's middle 80 %.</summary>
    private static double CubicMinimizer(double a, double fa, double ga, double b, double fb, double gb)
    {
        double d1 = ga + gb - (3 * (fa - fb) / (a - b));
        double disc = (d1 * d1) - (ga * gb);
        double lowEnd = Math.Min(a, b), highEnd = Math.Max(a, b);
        double width = highEnd - lowEnd;
        double candidate = double.NaN;
        if (disc >= 0 && fb < double.MaxValue)
        {
            double d2 = Math.Sign(b - a) * Math.Sqrt(disc);
            candidate = b - ((b - a) * (gb + d2 - d1) / (gb - ga + (2 * d2)));
        }

        return double.IsFinite(candidate) && candidate > lowEnd + (0.1 * width) && candidate < highEnd - (0.1 * width)
            ? candidate
            : lowEnd + (0.5 * width);
    }

    private static double Evaluate(Objective f, double[] x, double[] d, double step, double[] xNew, double[] gNew, ref int evaluations)
    {
        for (int i = 0; i < x.Length; i++)
        {
            xNew[i] = x[i] + (step * d[i]);
        }

        evaluations++;
        double v = f(xNew, gNew);
        return double.IsFinite(v) && AllFinite(gNew) ? v : double.NaN;
    }

    internal static double InfinityNorm(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double e in v)
        {
            m = Math.Max(m, Math.Abs(e));
        }

        return AllFinite(v) ? m : double.NaN;
    }

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (double e in v)
        {
            if (!double.IsFinite(e))
            {
                return false;
            }
        }

        return true;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static double Norm2(double[] a) => Math.Sqrt(Dot(a, a));

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
