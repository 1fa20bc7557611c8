namespace Loyalty.Core.Feedback.Uplift;

/// <summary>One point of the Qini and uplift curves: the top <see cref="Fraction"/> of units by score targeted.</summary>
/// <param name="Fraction">Share of all units targeted, in (0, 1].</param>
/// <param name="Qini">Qini gain per unit: (Yₜ − Y꜀·Nₜ/N꜀) / N over the targeted units.</param>
/// <param name="Uplift">Uplift gain per unit: (Yₜ/Nₜ − Y꜀/N꜀)·k / N over the targeted k units.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record UpliftCurvePoint(double Fraction, double Qini, double Uplift);

/// <summary>Qini and uplift curves of an uplift model and their areas.</summary>
/// <param name="Points">Curve points at every distinct score (ties are targeted together), from high to low score.</param>
/// <param name="Qini">Qini coefficient: area between the Qini curve and the straight line of random targeting
/// (positive: better than random).</param>
/// <param name="Auuc">Area under the uplift curve (per unit, over the targeted fraction 0..1).</param>
/// <param name="RandomAuuc">AUUC of random targeting: half the overall uplift.</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed record UpliftCurveResult(IReadOnlyList<UpliftCurvePoint> Points, double Qini, double Auuc, double RandomAuuc);

/// <summary>Evaluates uplift scores against a randomised experiment: units sorted by score, best first.</summary>
/// <remarks>Where a prefix holds no control (or no treated) unit, its group mean is taken as 0 for the uplift curve
/// and the control term of the Qini gain as 0, rather than dividing by zero. Areas use the trapezoid rule from
/// (0, 0).
/// Thread safety: stateless; every member is safe to call from several threads at once.</remarks>
public static class UpliftCurve
{
    /// <summary>Computes the curves and their areas.</summary>
    /// <param name="scores">Uplift score per unit (higher: target first), finite.</param>
    /// <param name="observations">The units, in the order of <paramref name="scores"/>.</param>
    /// <exception cref="ArgumentException">Lengths differ, there are no units, or a score or outcome is not finite.</exception>
    public static UpliftCurveResult Evaluate(IReadOnlyList<double> scores, IReadOnlyList<UpliftObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(observations);
        if (scores.Count != observations.Count || scores.Count == 0)
        {
            throw new ArgumentException($"Need one score per unit and at least one unit (scores {scores.Count}, units {observations.Count}).", nameof(scores));
        }

        if (scores.Any(s => !double.IsFinite(s)) || observations.Any(o => !double.IsFinite(o.Outcome)))
        {
            throw new ArgumentException("Scores and outcomes must be finite numbers.", nameof(scores));
        }

        int n = scores.Count;
        int[] order = [.. Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i)];
        var points = new List<UpliftCurvePoint>();
        double nt = 0, nc = 0, yt = 0, yc = 0;
        double qiniArea = 0, upliftArea = 0;
        double previousFraction = 0, previousQini = 0, previousUplift = 0;
        int k = 0;
        while (k < n)
        {
            double score = scores[order[k]];
            for (; k < n && scores[order[k]] == score; k++)
            {
                var o = observations[order[k]];
                if (o.Treated)
                {
                    nt++;
                    yt += o.Outcome;
                }
                else
                {
                    nc++;
                    yc += o.Outcome;
                }
            }

            double fraction = (double)k / n;
            double qini = (yt - (nc > 0 ? yc * nt / nc : 0)) / n;
            double uplift = ((nt > 0 ? yt / nt : 0) - (nc > 0 ? yc / nc : 0)) * k / n;
            qiniArea += (fraction - previousFraction) * (qini + previousQini) / 2;
            upliftArea += (fraction - previousFraction) * (uplift + previousUplift) / 2;
            points.Add(new UpliftCurvePoint(fraction, qini, uplift));
            (previousFraction, previousQini, previousUplift) = (fraction, qini, uplift);
        }

        double finalQini = points[^1].Qini;
        double finalUplift = points[^1].Uplift;
        return new UpliftCurveResult(points, qiniArea - (finalQini / 2), upliftArea, finalUplift / 2);
    }
}
