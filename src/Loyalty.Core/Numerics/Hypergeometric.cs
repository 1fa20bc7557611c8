namespace Loyalty.Core.Numerics;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and z &lt; 1, plus the completed form the
/// BG/NBD family needs, <see cref="ScaledCompletion"/>, which stays finite where the plain ₂F₁ overflows.
/// </summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 2_000_000;

    /// <summary>₂F₁(a, b; c; z) for z &lt; 1 and c not a non-positive integer.</summary>
    /// <remarks>Series Σ (a)_k (b)_k / ((c)_k k!) z^k for 0 ≤ z &lt; 1; for z &lt; 0 the Pfaff transformation
    /// ₂F₁(a, b; c; z) = (1 − z)^{−a} ₂F₁(a, c − b; c; z / (z − 1)) maps the argument into [0, 1), where the series
    /// converges; near z = 1 the series needs many terms but converges (for c − a − b &gt; 0 even at z = 1).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">z ≥ 1 or c is a non-positive integer.</exception>
    /// <exception cref="ArithmeticException">The series did not converge within two million terms.</exception>
    internal static double Hyp2F1(double a, double b, double c, double z)
    {
        if (!(z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is evaluated for z < 1 only.");
        }

        if (c <= 0 && c == Math.Floor(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "2F1 is undefined for c a non-positive integer.");
        }

        if (z < 0)
        {
            double w = z / (z - 1);
            return Math.Pow(1 - z, -a) * Series(a, c - b, c, w);
        }

        return Series(a, b, c, z);
    }

    private static double Series(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (int k = 0; k < MaxTerms; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (term == 0 || (Math.Abs(term) <= 1e-17 * Math.Abs(sum) && k > 2))
            {
                return sum;
            }
        }

        throw new ArithmeticException($"2F1({a}, {b}; {c}; {z}) did not converge in {MaxTerms} terms.");
    }

    /// <summary>
    /// c · [1 − (1 − z)^{a−1} ₂F₁(p, a − 1; c; z)] / (a − 1), given ln(1 − z), finite for every a &gt; 0 (the limit at
    /// a = 1) and for c ≤ 0.
    /// </summary>
    /// <remarks>
    /// The BG/NBD expectations contain (1 − z)^{r+x} ₂F₁(r + x, b + x; a + b + x − 1; z), whose ₂F₁ overflows for
    /// customers with hundreds of purchases. Euler's transformation ₂F₁(a, b; c; z) = (1 − z)^{c−a−b} ₂F₁(c − a, c − b; c; z)
    /// turns it into (1 − z)^{a−1} ₂F₁(a + b − 1 − r, a − 1; c; z), whose parameters stay small. Writing
    /// ₂F₁(p, a − 1; c; z) = 1 + (a − 1)·S, with S = Σ_{k≥1} (p)_k (a)_{k−1} / ((c)_k k!) z^k, the bracket becomes
    /// c·(1 − (1 − z)^{a−1})/(a − 1) − (1 − z)^{a−1}·c·S: the first part through expm1 (no cancellation near a = 1),
    /// the second with c·S = Σ (p)_k (a)_{k−1} / ((c + 1)_{k−1} k!) z^k, which has no pole at c = 0.
    /// </remarks>
    /// <exception cref="ArithmeticException">The series did not converge within two million terms.</exception>
    internal static double ScaledCompletion(double p, double a, double c, double z, double logOneMinusZ)
    {
        double head = c * LogMath.OneMinusExpOver(a - 1, logOneMinusZ);
        double term = p * z, sum = term;
        for (int k = 1; k < MaxTerms; k++)
        {
            if (term == 0 || (Math.Abs(term) <= 1e-17 * Math.Abs(sum) && k > 2))
            {
                return head - (Math.Exp((a - 1) * logOneMinusZ) * sum);
            }

            term *= (p + k) * (a + k - 1) / ((c + k) * (k + 1)) * z;
            sum += term;
        }

        throw new ArithmeticException($"The BG/NBD expectation series (p={p}, a={a}, c={c}, z={z}) did not converge.");
    }
}
