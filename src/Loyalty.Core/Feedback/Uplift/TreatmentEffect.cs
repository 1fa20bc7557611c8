using MathNet.Numerics.Distributions;

namespace Loyalty.Core.Feedback.Uplift;

/// <summary>Difference in mean outcome (a rate for 0/1 outcomes) between a treated and a control group.</summary>
/// <param name="Treated">Treated count.</param>
/// <param name="Control">Control count.</param>
/// <param name="TreatedMean">Treated mean outcome.</param>
/// <param name="ControlMean">Control mean outcome.</param>
/// <param name="Uplift">TreatedMean − ControlMean.</param>
/// <param name="StandardError">sqrt(s²ₜ/nₜ + s²꜀/n꜀) with sample variances (Welch).</param>
/// <param name="CiLow">Lower bound of the normal-approximation interval.</param>
/// <param name="CiHigh">Upper bound.</param>
/// <param name="Confidence">Confidence level of the interval.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record TreatmentEffect(
    long Treated,
    long Control,
    double TreatedMean,
    double ControlMean,
    double Uplift,
    double StandardError,
    double CiLow,
    double CiHigh,
    double Confidence)
{
    /// <summary>Compares two groups of outcomes.</summary>
    /// <param name="treated">Outcomes of the treated (at least 2).</param>
    /// <param name="control">Outcomes of the control group (at least 2).</param>
    /// <param name="confidence">Confidence level in (0, 1).</param>
    /// <exception cref="ArgumentException">A group has fewer than 2 outcomes, an outcome is not finite, or the
    /// confidence level is outside (0, 1); all problems are reported at once.</exception>
    public static TreatmentEffect Compare(IEnumerable<double> treated, IEnumerable<double> control, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(control);
        var t = new OutcomeMoments();
        var c = new OutcomeMoments();
        foreach (double y in treated)
        {
            t.Add(y);
        }

        foreach (double y in control)
        {
            c.Add(y);
        }

        return Compare(t, c, confidence);
    }

    internal static TreatmentEffect Compare(OutcomeMoments t, OutcomeMoments c, double confidence)
    {
        var errors = new List<string>();
        if (t.Count < 2)
        {
            errors.Add($"treated: at least 2 outcomes are needed (got {t.Count}).");
        }

        if (c.Count < 2)
        {
            errors.Add($"control: at least 2 outcomes are needed (got {c.Count}).");
        }

        if (!t.AllFinite || !c.AllFinite)
        {
            errors.Add("outcomes must be finite numbers.");
        }

        if (!(confidence is > 0 and < 1))
        {
            errors.Add($"{nameof(confidence)} must be in (0, 1) (was {confidence}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Cannot compare the groups:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        double uplift = t.Mean - c.Mean;
        double se = Math.Sqrt((t.Variance / t.Count) + (c.Variance / c.Count));
        double z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        return new TreatmentEffect(t.Count, c.Count, t.Mean, c.Mean, uplift, se, uplift - (z * se), uplift + (z * se), confidence);
    }
}

/// <summary>Count, mean and sample variance of a stream of outcomes (Welford's update, stable for large sums).</summary>
internal sealed class OutcomeMoments
{
    private double _m2;

    internal long Count { get; private set; }

    internal double Mean { get; private set; }

    internal double Sum { get; private set; }

    internal bool AllFinite { get; private set; } = true;

    internal double Variance => Count > 1 ? _m2 / (Count - 1) : 0;

    internal void Add(double y)
    {
        if (!double.IsFinite(y))
        {
            AllFinite = false;
            return;
        }

        Count++;
        Sum += y;
        double delta = y - Mean;
        Mean += delta / Count;
        _m2 += delta * (y - Mean);
    }
}
