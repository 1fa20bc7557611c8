namespace Loyalty.Core.Features;

/// <summary>The textbook discounted lifetime value of a known stream of future margins.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class DiscountedCashFlow
{
    /// <summary>CLV = Σ_{t=1..n} R_t / (1 + r)^t.</summary>
    /// <param name="cashFlows">R_1..R_n: the margin expected in each period, the first one period from now.</param>
    /// <param name="discountRate">r per period, &gt; −1 (0.10 for 10%).</param>
    /// <returns>The present value; 0 for no periods.</returns>
    /// <remarks>Worked example: margins 1000, 800, 600 at 10% give 909.09 + 661.16 + 450.79 = 2021.04. (The
    /// loyalty-plan seed text prints 2366.67 for this example, an arithmetic error.)</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The rate is ≤ −1 or not finite, or a cash flow is not finite
    /// (its index is named).</exception>
    public static double Clv(ReadOnlySpan<double> cashFlows, double discountRate)
    {
        if (!double.IsFinite(discountRate) || discountRate <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate must be finite and greater than -1.");
        }

        double value = 0;
        double factor = 1;
        for (int t = 0; t < cashFlows.Length; t++)
        {
            if (!double.IsFinite(cashFlows[t]))
            {
                throw new ArgumentOutOfRangeException(nameof(cashFlows), cashFlows[t], $"cashFlows[{t}] is not finite.");
            }

            factor /= 1 + discountRate;
            value += cashFlows[t] * factor;
        }

        return value;
    }
}
