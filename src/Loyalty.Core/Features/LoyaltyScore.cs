using Loyalty.Core.Validation;

namespace Loyalty.Core.Features;

/// <summary>Weights of the loyalty score L = αC + βB + γS.</summary>
/// <param name="Alpha">α, the weight of C (consumption: purchase score).</param>
/// <param name="Beta">β, the weight of B (behaviour: engagement score).</param>
/// <param name="Gamma">γ, the weight of S (satisfaction score).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record LoyaltyWeights(double Alpha, double Beta, double Gamma)
{
    /// <summary>The loyalty plan's weights: α 0.6, β 0.3, γ 0.1.</summary>
    public static LoyaltyWeights Default { get; } = new(0.6, 0.3, 0.1);

    /// <summary>Checks the weights; every problem is reported in one exception.</summary>
    /// <exception cref="ArgumentException">A weight is negative or not finite (each named as
    /// <c>LoyaltyWeights.Property</c>).</exception>
    public void Validate()
    {
        var v = new OptionsValidator(nameof(LoyaltyWeights));
        v.NonNegative(nameof(Alpha), Alpha);
        v.NonNegative(nameof(Beta), Beta);
        v.NonNegative(nameof(Gamma), Gamma);
        v.ThrowIfInvalid("weights");
    }
}

/// <summary>The loyalty score of the loyalty plan: L = αC + βB + γS, summed over periods.</summary>
/// <remarks>Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class LoyaltyScore
{
    /// <summary>L for one period.</summary>
    public static double Compute(LoyaltyWeights weights, double consumption, double behaviour, double satisfaction)
    {
        ArgumentNullException.ThrowIfNull(weights);
        weights.Validate();
        return (weights.Alpha * consumption) + (weights.Beta * behaviour) + (weights.Gamma * satisfaction);
    }

    /// <summary>L = Σ_i (α C_i + β B_i + γ S_i) over periods i.</summary>
    /// <remarks>Worked example: α .6, β .3, γ .1 with C = [3, 4, 5], B = [4.5, 4.5, 4.5], S = [3.5, 3.5, 3.5]
    /// gives 7.2 + 4.05 + 1.05 = 12.3.</remarks>
    /// <exception cref="ArgumentException">The spans differ in length, or a value is not finite (its index named).</exception>
    public static double Compute(LoyaltyWeights weights, ReadOnlySpan<double> consumption, ReadOnlySpan<double> behaviour, ReadOnlySpan<double> satisfaction)
    {
        ArgumentNullException.ThrowIfNull(weights);
        weights.Validate();
        if (behaviour.Length != consumption.Length || satisfaction.Length != consumption.Length)
        {
            throw new ArgumentException(
                $"consumption, behaviour and satisfaction need one value per period each; got {consumption.Length}, {behaviour.Length} and {satisfaction.Length}.",
                nameof(behaviour));
        }

        double score = 0;
        for (int i = 0; i < consumption.Length; i++)
        {
            if (!double.IsFinite(consumption[i]) || !double.IsFinite(behaviour[i]) || !double.IsFinite(satisfaction[i]))
            {
                throw new ArgumentException($"Period {i} has a value that is not finite.", nameof(consumption));
            }

            score += (weights.Alpha * consumption[i]) + (weights.Beta * behaviour[i]) + (weights.Gamma * satisfaction[i]);
        }

        return score;
    }
}
