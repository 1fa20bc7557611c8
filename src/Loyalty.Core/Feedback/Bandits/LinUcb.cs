using Loyalty.Core.Persistence;

namespace Loyalty.Core.Feedback.Bandits;

/// <summary>
/// LinUCB with disjoint linear models (Li et al., 2010): per arm, ridge regression of reward on the context features,
/// choosing argmax θₐᵀx + α·sqrt(xᵀAₐ⁻¹x). The segment key is ignored; context features are required.
/// </summary>
/// <remarks>Aₐ⁻¹ is kept directly and updated with the Sherman–Morrison formula, so a decision costs O(d²) per arm.
/// The feature dimension is fixed by the first context seen. Ties share the probability evenly.
/// Thread safety: not thread-safe (see <see cref="BanditPolicy"/>): one instance per thread, or lock around it.</remarks>
public sealed class LinUcb : BanditPolicy
{
    internal const string PolicyName = "linucb";

    /// <summary>Largest magnitude a restored A⁻¹ or b entry may have: a scale check, so scores computed from a
    /// restored state (products of entries and features) stay finite.</summary>
    private const double MaxRestoredMagnitude = 1e100;

    private readonly Dictionary<string, ArmModel> _models = new(StringComparer.Ordinal);
    private int _dimension;

    /// <summary>Creates the policy.</summary>
    /// <param name="arms">Arm ids.</param>
    /// <param name="options">Settings (<see cref="BanditOptions.LinUcbAlpha"/>, <see cref="BanditOptions.LinUcbRidge"/>); defaults when null.</param>
    /// <param name="timeProvider">Clock for wait windows; the system clock when null.</param>
    public LinUcb(IEnumerable<string> arms, BanditOptions? options = null, TimeProvider? timeProvider = null)
        : base(arms, options, timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => PolicyName;

    private protected override double[] ComputeProbabilities(BanditContext context)
    {
        var x = Features(context);
        var scores = new double[Arms.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            var model = Model(Arms[i]);
            var ax = model.Times(x);
            double mean = 0;
            double variance = 0;
            for (int j = 0; j < x.Length; j++)
            {
                mean += ax[j] * model.B[j]; // θᵀx = (A⁻¹b)ᵀx = bᵀ(A⁻¹x), A⁻¹ symmetric
                variance += x[j] * ax[j];
            }

            scores[i] = mean + (Options.LinUcbAlpha * Math.Sqrt(Math.Max(0, variance)));
        }

        return ActionDistribution.ArgmaxUniform(scores);
    }

    private protected override void Learn(BanditContext context, string armId, double reward)
    {
        var x = Features(context);
        var model = Model(armId);
        var ax = model.Times(x);
        double denominator = 1;
        for (int j = 0; j < x.Length; j++)
        {
            denominator += x[j] * ax[j];
        }

        int d = x.Length;
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                model.AInverse[(r * d) + c] -= ax[r] * ax[c] / denominator;
            }

            model.B[r] += reward * x[r];
        }
    }

    private protected override Dictionary<string, Dictionary<string, double[]>> ExportStatistics() =>
        new(StringComparer.Ordinal)
        {
            [string.Empty] = _models.ToDictionary(m => m.Key, m => (double[])[.. m.Value.AInverse, .. m.Value.B], StringComparer.Ordinal),
        };

    private protected override void ImportStatistics(Dictionary<string, Dictionary<string, double[]>> statistics)
    {
        foreach (var (arm, values) in statistics.GetValueOrDefault(string.Empty) ?? [])
        {
            int d = (int)Math.Round((-1 + Math.Sqrt(1 + (4.0 * values.Length))) / 2);
            if (d < 1 || (d * d) + d != values.Length || (_dimension != 0 && d != _dimension) || values.Any(v => !double.IsFinite(v)))
            {
                throw new FormatException($"Bandit state: LinUCB statistics of arm {ModelFileText.Excerpt(arm)} must be d² + d finite numbers for one dimension d.");
            }

            if (values.Any(v => Math.Abs(v) > MaxRestoredMagnitude) || !IsSymmetricPositiveDefinite(values, d))
            {
                throw new FormatException($"Bandit state: LinUCB statistics of arm {ModelFileText.Excerpt(arm)} must hold a symmetric positive-definite A⁻¹ and numbers of magnitude at most {MaxRestoredMagnitude:E0}.");
            }

            _dimension = d;
            _models[arm] = new ArmModel(values[..(d * d)], values[(d * d)..]);
        }
    }

    private protected override void ForgetArm(string armId) => _models.Remove(armId);

    private protected override void CheckRestoredPending(string eventId, IReadOnlyList<double>? features)
    {
        // Every decision LinUCB made had features of its one dimension; a decision without them would throw when
        // its reward or expiry is learned, inside a later Choose.
        if (features is not { Count: > 0 } || (_dimension != 0 && features.Count != _dimension))
        {
            throw new FormatException($"Bandit state: LinUCB pending decision {ModelFileText.Excerpt(eventId)} must have {(_dimension == 0 ? "context" : _dimension.ToString(System.Globalization.CultureInfo.InvariantCulture))} features.");
        }

        _dimension = features.Count;
    }

    /// <summary>True when the leading d × d block of <paramref name="values"/> (A⁻¹, row-major) is symmetric and
    /// positive definite, as every A⁻¹ the policy learns is: a Cholesky factorisation with positive pivots. Without
    /// it a restored A⁻¹ gives a negative variance or an overflowing score, and Choose returns NaN probabilities.</summary>
    private static bool IsSymmetricPositiveDefinite(double[] values, int d)
    {
        var l = new double[d * d];
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c <= r; c++)
            {
                double a = values[(r * d) + c];
                double mirror = values[(c * d) + r];
                if (Math.Abs(a - mirror) > 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(mirror))))
                {
                    return false;
                }

                double sum = a;
                for (int k = 0; k < c; k++)
                {
                    sum -= l[(r * d) + k] * l[(c * d) + k];
                }

                if (r == c)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    l[(r * d) + r] = Math.Sqrt(sum);
                }
                else
                {
                    l[(r * d) + c] = sum / l[(c * d) + c];
                }
            }
        }

        return true;
    }

    private double[] Features(BanditContext context)
    {
        if (context.Features is not { Count: > 0 } features)
        {
            throw new ArgumentException("LinUCB needs context features (BanditContext.Features).", nameof(context));
        }

        if (_dimension == 0)
        {
            _dimension = features.Count;
        }
        else if (features.Count != _dimension)
        {
            throw new ArgumentException($"LinUCB was fitted on {_dimension} features; this context has {features.Count}.", nameof(context));
        }

        var x = features.ToArray();
        if (x.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("LinUCB context features must be finite numbers.", nameof(context));
        }

        return x;
    }

    private ArmModel Model(string arm)
    {
        if (!_models.TryGetValue(arm, out var model))
        {
            int d = _dimension;
            var inverse = new double[d * d];
            for (int i = 0; i < d; i++)
            {
                inverse[(i * d) + i] = 1.0 / Options.LinUcbRidge;
            }

            model = new ArmModel(inverse, new double[d]);
            _models[arm] = model;
        }

        return model;
    }

    private sealed class ArmModel(double[] aInverse, double[] b)
    {
        internal double[] AInverse { get; } = aInverse;

        internal double[] B { get; } = b;

        internal double[] Times(double[] x)
        {
            int d = x.Length;
            var result = new double[d];
            for (int r = 0; r < d; r++)
            {
                double sum = 0;
                for (int c = 0; c < d; c++)
                {
                    sum += AInverse[(r * d) + c] * x[c];
                }

                result[r] = sum;
            }

            return result;
        }
    }
}
