using Loyalty.Core.Feedback.Bandits;
using MathNet.Numerics.Distributions;

namespace Loyalty.Core.Feedback.Evaluation;

/// <summary>
/// Off-policy evaluation: estimates the mean reward a candidate policy would have earned from decisions logged under
/// another policy, with normal-approximation confidence intervals.
/// </summary>
/// <remarks>
/// With importance weight wᵢ = π(aᵢ|xᵢ) / pᵢ:
/// IPS = mean(wᵢrᵢ); self-normalised IPS = Σwᵢrᵢ / Σwᵢ (biased, much lower variance);
/// doubly robust = mean(Σₐ π(a|xᵢ) q̂(xᵢ,a) + wᵢ(rᵢ − q̂(xᵢ,aᵢ))), unbiased when either the propensities or the reward
/// model q̂ are right. The default q̂ is the logged mean reward per (segment, arm), falling back to the arm's and then
/// the overall mean.
/// <para>Thread safety: stateless; every member is safe to call from several threads at once.</para>
/// </remarks>
public static class OffPolicyEvaluator
{
    /// <summary>Inverse propensity scoring.</summary>
    /// <param name="log">Logged decisions (not empty).</param>
    /// <param name="candidate">The candidate's action distribution for a context (arms missing from it have probability 0).</param>
    /// <param name="confidence">Confidence level of the interval, in (0, 1).</param>
    /// <exception cref="ArgumentException">The log is empty, a propensity is outside (0, 1], a reward is not finite,
    /// or the confidence level is outside (0, 1).</exception>
    public static OffPolicyEstimate Ips(IReadOnlyList<LoggedDecision> log, Func<BanditContext, IReadOnlyDictionary<string, double>> candidate, double confidence = 0.95)
    {
        var w = Weights(log, candidate, confidence);
        var terms = new double[log.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            terms[i] = w[i] * log[i].Reward;
        }

        return MeanEstimate("ips", terms, w, confidence);
    }

    /// <summary>Self-normalised inverse propensity scoring.</summary>
    /// <param name="log">Logged decisions (not empty).</param>
    /// <param name="candidate">The candidate's action distribution for a context (arms missing from it have probability 0).</param>
    /// <param name="confidence">Confidence level of the interval, in (0, 1).</param>
    /// <exception cref="ArgumentException">As <see cref="Ips"/>, or the candidate gives probability 0 to every logged action.</exception>
    public static OffPolicyEstimate SelfNormalizedIps(IReadOnlyList<LoggedDecision> log, Func<BanditContext, IReadOnlyDictionary<string, double>> candidate, double confidence = 0.95)
    {
        var w = Weights(log, candidate, confidence);
        double sumW = w.Sum();
        if (sumW <= 0)
        {
            throw new ArgumentException("The candidate policy gives probability 0 to every logged action: self-normalised IPS is undefined.", nameof(candidate));
        }

        double value = 0;
        for (int i = 0; i < w.Length; i++)
        {
            value += w[i] * log[i].Reward;
        }

        value /= sumW;
        double meanW = sumW / w.Length;

        // Delta method: the estimator's influence terms are wᵢ(rᵢ − V) / mean(w).
        var influence = new double[w.Length];
        for (int i = 0; i < w.Length; i++)
        {
            influence[i] = value + (w[i] * (log[i].Reward - value) / meanW);
        }

        var spread = MeanEstimate("snips", influence, w, confidence);
        return spread with { Value = value, CiLow = value - (spread.Value - spread.CiLow), CiHigh = value + (spread.CiHigh - spread.Value) };
    }

    /// <summary>Doubly robust estimation.</summary>
    /// <param name="log">Logged decisions (not empty).</param>
    /// <param name="candidate">The candidate's action distribution for a context (arms missing from it have probability 0).</param>
    /// <param name="confidence">Confidence level of the interval, in (0, 1).</param>
    /// <param name="rewardModel">q̂(context, arm): predicted reward; null for the per-(segment, arm) logged means.</param>
    /// <exception cref="ArgumentException">As <see cref="Ips"/>.</exception>
    public static OffPolicyEstimate DoublyRobust(
        IReadOnlyList<LoggedDecision> log,
        Func<BanditContext, IReadOnlyDictionary<string, double>> candidate,
        Func<BanditContext, string, double>? rewardModel = null,
        double confidence = 0.95)
    {
        var w = Weights(log, candidate, confidence);
        var q = rewardModel ?? SegmentMeanModel(log);
        var terms = new double[log.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            var d = log[i];
            double direct = 0;
            foreach (var (arm, p) in candidate(d.Context))
            {
                if (p > 0)
                {
                    direct += p * q(d.Context, arm);
                }
            }

            terms[i] = direct + (w[i] * (d.Reward - q(d.Context, d.ArmId)));
            if (!double.IsFinite(terms[i]))
            {
                throw new ArgumentException($"Logged decision {i}: the reward model returned a non-finite prediction.", nameof(rewardModel));
            }
        }

        return MeanEstimate("dr", terms, w, confidence);
    }

    /// <summary>The default reward model: mean logged reward per (segment, arm), else per arm, else overall.</summary>
    internal static Func<BanditContext, string, double> SegmentMeanModel(IReadOnlyList<LoggedDecision> log)
    {
        var bySegmentArm = log.GroupBy(d => (d.Context.Segment, d.ArmId)).ToDictionary(g => g.Key, g => g.Average(d => d.Reward));
        var byArm = log.GroupBy(d => d.ArmId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Average(d => d.Reward), StringComparer.Ordinal);
        double overall = log.Average(d => d.Reward);
        return (context, arm) => bySegmentArm.TryGetValue((context.Segment, arm), out var m) ? m
            : byArm.TryGetValue(arm, out var a) ? a : overall;
    }

    private static double[] Weights(IReadOnlyList<LoggedDecision> log, Func<BanditContext, IReadOnlyDictionary<string, double>> candidate, double confidence)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(candidate);
        if (!(confidence is > 0 and < 1))
        {
            throw new ArgumentException($"Confidence level must be in (0, 1) (was {confidence}).", nameof(confidence));
        }

        if (log.Count == 0)
        {
            throw new ArgumentException("The log is empty: nothing to evaluate.", nameof(log));
        }

        var w = new double[log.Count];
        for (int i = 0; i < w.Length; i++)
        {
            var d = log[i] ?? throw new ArgumentException($"Logged decision {i} is null.", nameof(log));
            if (!(d.Propensity is > 0 and <= 1))
            {
                throw new ArgumentException($"Logged decision {i} (arm '{d.ArmId}'): propensity must be in (0, 1] (was {d.Propensity}).", nameof(log));
            }

            if (!double.IsFinite(d.Reward))
            {
                throw new ArgumentException($"Logged decision {i} (arm '{d.ArmId}'): reward must be finite (was {d.Reward}).", nameof(log));
            }

            double p = candidate(d.Context).GetValueOrDefault(d.ArmId);
            if (!(p is >= 0 and <= 1))
            {
                throw new ArgumentException($"Logged decision {i}: the candidate gave arm '{d.ArmId}' probability {p}, outside [0, 1].", nameof(candidate));
            }

            w[i] = p / d.Propensity;
        }

        return w;
    }

    private static OffPolicyEstimate MeanEstimate(string method, double[] terms, double[] weights, double confidence)
    {
        int n = terms.Length;
        double mean = terms.Average();
        double variance = n > 1 ? terms.Sum(t => (t - mean) * (t - mean)) / (n - 1) : 0;
        double se = Math.Sqrt(variance / n);
        double z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        double sumW = weights.Sum();
        double sumW2 = weights.Sum(x => x * x);
        double ess = sumW2 > 0 ? sumW * sumW / sumW2 : 0;
        return new OffPolicyEstimate(method, mean, se, mean - (z * se), mean + (z * se), n, ess);
    }
}
