using System.Runtime.CompilerServices;

namespace Loyalty.Core.Numerics;

/// <summary>
/// A value with its gradient in up to four variables (forward-mode automatic differentiation). The likelihoods whose
/// hand-written gradients would be long and error-prone (Pareto/NBD's series, BG/BB, sBG) are written once over
/// this type and so get exact analytic gradients — not finite differences.
/// </summary>
internal readonly struct Dual
{
    internal readonly double V;
    internal readonly double D0;
    internal readonly double D1;
    internal readonly double D2;
    internal readonly double D3;

    internal Dual(double v, double d0 = 0, double d1 = 0, double d2 = 0, double d3 = 0)
    {
        V = v;
        D0 = d0;
        D1 = d1;
        D2 = d2;
        D3 = d3;
    }

    /// <summary>The independent variable number <paramref name="index"/> (0..3) with value <paramref name="v"/>.</summary>
    internal static Dual Variable(double v, int index) => index switch
    {
        0 => new Dual(v, 1, 0, 0, 0),
        1 => new Dual(v, 0, 1, 0, 0),
        2 => new Dual(v, 0, 0, 1, 0),
        3 => new Dual(v, 0, 0, 0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A dual number has four gradient slots."),
    };

    internal double Gradient(int index) => index switch
    {
        0 => D0,
        1 => D1,
        2 => D2,
        3 => D3,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A dual number has four gradient slots."),
    };

    /// <summary>f(x) given f(x.V) and f'(x.V): the chain rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Dual Chain(double f, double fPrime) => new(f, fPrime * D0, fPrime * D1, fPrime * D2, fPrime * D3);

    public static Dual operator +(Dual a, Dual b) => new(a.V + b.V, a.D0 + b.D0, a.D1 + b.D1, a.D2 + b.D2, a.D3 + b.D3);

    public static Dual operator -(Dual a, Dual b) => new(a.V - b.V, a.D0 - b.D0, a.D1 - b.D1, a.D2 - b.D2, a.D3 - b.D3);

    public static Dual operator -(Dual a) => new(-a.V, -a.D0, -a.D1, -a.D2, -a.D3);

    public static Dual operator +(Dual a, double b) => new(a.V + b, a.D0, a.D1, a.D2, a.D3);

    public static Dual operator +(double b, Dual a) => a + b;

    public static Dual operator -(Dual a, double b) => new(a.V - b, a.D0, a.D1, a.D2, a.D3);

    public static Dual operator -(double b, Dual a) => new(b - a.V, -a.D0, -a.D1, -a.D2, -a.D3);

    public static Dual operator *(Dual a, double b) => new(a.V * b, a.D0 * b, a.D1 * b, a.D2 * b, a.D3 * b);

    public static Dual operator *(double b, Dual a) => a * b;

    public static Dual operator *(Dual a, Dual b) => new(
        a.V * b.V,
        (a.D0 * b.V) + (a.V * b.D0),
        (a.D1 * b.V) + (a.V * b.D1),
        (a.D2 * b.V) + (a.V * b.D2),
        (a.D3 * b.V) + (a.V * b.D3));

    public static Dual operator /(Dual a, double b) => a * (1.0 / b);

    public static Dual operator /(Dual a, Dual b)
    {
        double inv = 1.0 / b.V;
        double q = a.V * inv;
        return new Dual(
            q,
            (a.D0 - (q * b.D0)) * inv,
            (a.D1 - (q * b.D1)) * inv,
            (a.D2 - (q * b.D2)) * inv,
            (a.D3 - (q * b.D3)) * inv);
    }

    public static Dual operator /(double a, Dual b) => new Dual(a) / b;

    internal static Dual Log(Dual x) => x.Chain(Math.Log(x.V), 1.0 / x.V);

    internal static Dual Exp(Dual x)
    {
        double e = Math.Exp(x.V);
        return x.Chain(e, e);
    }

    internal static Dual ExpM1(Dual x) => x.Chain(double.ExpM1(x.V), Math.Exp(x.V));

    internal static Dual LogGamma(Dual x) => x.Chain(Special.LogGamma(x.V), Special.Digamma(x.V));

    internal static Dual LogBeta(Dual a, Dual b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln(e^a + e^b), max-shifted.</summary>
    internal static Dual LogAddExp(Dual a, Dual b)
    {
        if (double.IsNegativeInfinity(a.V))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b.V))
        {
            return a;
        }

        // ln(e^a + e^b) = a + ln(1 + e^{b−a}); weights w_a, w_b = softmax(a, b) give the gradient.
        double m = Math.Max(a.V, b.V);
        double ea = Math.Exp(a.V - m), eb = Math.Exp(b.V - m);
        double s = ea + eb;
        double wa = ea / s, wb = eb / s;
        return new Dual(
            m + Math.Log(s),
            (wa * a.D0) + (wb * b.D0),
            (wa * a.D1) + (wb * b.D1),
            (wa * a.D2) + (wb * b.D2),
            (wa * a.D3) + (wb * b.D3));
    }
}
