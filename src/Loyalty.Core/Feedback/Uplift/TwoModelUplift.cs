namespace Loyalty.Core.Feedback.Uplift;

/// <summary>
/// Two-model (T-learner) uplift: one outcome model for the treated, one for the control group, uplift = difference
/// of their predictions. Each model is a per-stratum mean shrunk towards its group's overall mean with
/// <c>priorStrength</c> pseudo-observations, so small strata do not produce wild estimates.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public sealed class TwoModelUplift
{
    private readonly Dictionary<string, double> _treated;
    private readonly Dictionary<string, double> _control;

    private TwoModelUplift(Dictionary<string, double> treated, Dictionary<string, double> control, double treatedMean, double controlMean)
    {
        _treated = treated;
        _control = control;
        TreatedMean = treatedMean;
        ControlMean = controlMean;
    }

    /// <summary>Overall treated mean (the prediction for unseen strata).</summary>
    public double TreatedMean { get; }

    /// <summary>Overall control mean.</summary>
    public double ControlMean { get; }

    /// <summary>Per-stratum treated predictions (strata seen in the treated group).</summary>
    internal IReadOnlyDictionary<string, double> TreatedStrata => _treated;

    /// <summary>Per-stratum control predictions (strata seen in the control group).</summary>
    internal IReadOnlyDictionary<string, double> ControlStrata => _control;

    /// <summary>Writes the model as a <c>loyalty.uplift</c> model file (format version 1): both groups' means and
    /// per-stratum predictions. <see cref="Load"/> restores a model that predicts identically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        TwoModelUpliftFile.Write(this, stream);
    }

    /// <summary>Reads a model written by <see cref="Save"/>. A non-seekable stream is read into memory first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a <c>loyalty.uplift</c> model file, has a version this
    /// library does not read, is truncated, or holds an invalid field (the message names it).</exception>
    public static TwoModelUplift Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return TwoModelUpliftFile.Read(stream);
    }

    /// <summary>A model from saved parts (a model file); the caller has checked the values.</summary>
    internal static TwoModelUplift FromParts(
        Dictionary<string, double> treated, Dictionary<string, double> control, double treatedMean, double controlMean) =>
        new(treated, control, treatedMean, controlMean);

    /// <summary>Fits both models.</summary>
    /// <param name="observations">Units with both groups present.</param>
    /// <param name="priorStrength">Pseudo-observations of the group mean added to each stratum, not negative.</param>
    /// <exception cref="ArgumentException">A group is empty, an outcome is not finite or the prior strength is negative.</exception>
    public static TwoModelUplift Fit(IEnumerable<UpliftObservation> observations, double priorStrength = 10)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (!double.IsFinite(priorStrength) || priorStrength < 0)
        {
            throw new ArgumentException($"Prior strength must be a finite number >= 0 (was {priorStrength}).", nameof(priorStrength));
        }

        var list = observations.ToList();
        if (list.Any(o => !double.IsFinite(o.Outcome)))
        {
            throw new ArgumentException("Outcomes must be finite numbers.", nameof(observations));
        }

        var treated = list.Where(o => o.Treated).ToList();
        var control = list.Where(o => !o.Treated).ToList();
        if (treated.Count == 0 || control.Count == 0)
        {
            throw new ArgumentException($"Both groups need units (treated {treated.Count}, control {control.Count}).", nameof(observations));
        }

        double tMean = treated.Average(o => o.Outcome);
        double cMean = control.Average(o => o.Outcome);
        return new TwoModelUplift(StratumMeans(treated, tMean, priorStrength), StratumMeans(control, cMean, priorStrength), tMean, cMean);
    }

    /// <summary>Out-of-fold uplift scores: unit i is scored by a model fitted without fold i mod
    /// <paramref name="folds"/>, so the scores can be evaluated (Qini, AUUC) on the same data honestly.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 folds, or a training fold lacks a group.</exception>
    public static double[] CrossFitScores(IReadOnlyList<UpliftObservation> observations, int folds = 2, double priorStrength = 10)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var scores = new double[observations.Count];
        for (int f = 0; f < folds; f++)
        {
            int fold = f;
            var model = Fit(observations.Where((_, i) => i % folds != fold), priorStrength);
            for (int i = fold; i < scores.Length; i += folds)
            {
                scores[i] = model.Predict(observations[i].Stratum);
            }
        }

        return scores;
    }

    /// <summary>Predicted treated outcome for a stratum.</summary>
    public double PredictTreated(string stratum) => _treated.GetValueOrDefault(stratum, TreatedMean);

    /// <summary>Predicted control outcome for a stratum.</summary>
    public double PredictControl(string stratum) => _control.GetValueOrDefault(stratum, ControlMean);

    /// <summary>Predicted uplift (treated − control) for a stratum.</summary>
    public double Predict(string stratum) => PredictTreated(stratum) - PredictControl(stratum);

    private static Dictionary<string, double> StratumMeans(List<UpliftObservation> group, double groupMean, double prior) =>
        group.GroupBy(o => o.Stratum, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Sum(o => o.Outcome) + (prior * groupMean)) / (g.Count() + prior), StringComparer.Ordinal);
}
