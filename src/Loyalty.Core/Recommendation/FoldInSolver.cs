using MathNet.Numerics.LinearAlgebra;

namespace Loyalty.Core.Recommendation;

/// <summary>Solves a new user's factors with the item factors fixed — one ridge regression, no retraining.
/// Explicit: min Σ (r − μ − b_i − b_u − p·q_i)² + λ(‖p‖² + b_u²). Implicit (Hu et al.): min Σ_all c_i (x_i − p·q_i)²
/// + λ‖p‖² with x_i = 1 for interacted items, c_i = 1 + α·value, via (QᵀQ + Qᵀ(C − I)Q + λI) p = QᵀCx.</summary>
internal static class FoldInSolver
{
    internal static FoldedInUser Solve(FactorModel model, IReadOnlyList<KeyValuePair<string, float>> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var p = model.Parameters;
        int k = model.Factors;
        var known = new SortedDictionary<int, float>();
        for (int row = 0; row < interactions.Count; row++)
        {
            var (item, value) = (interactions[row].Key, interactions[row].Value);
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"row {row}: the value is not a finite number.", nameof(interactions));
            }

            if (model.Clip is { } scale && model.FoldIn.ImplicitAlpha is null && !scale.Contains(value))
            {
                throw new ArgumentException($"row {row}: the rating {value} is outside the scale [{scale.Min}, {scale.Max}].", nameof(interactions));
            }

            if (item is not null && model.ItemIndex.TryGet(item, out int i))
            {
                known[i] = value; // unknown items carry no information about the factors
            }
        }

        bool implicitModel = model.FoldIn.ImplicitAlpha is not null;
        bool withBias = !implicitModel;
        int n = k + (withBias ? 1 : 0);
        var a = Matrix<double>.Build.Dense(n, n);
        var b = Vector<double>.Build.Dense(n);
        if (implicitModel)
        {
            // The QᵀQ term covers every item with confidence 1 and preference 0.
            for (int i = 0; i < model.ItemCount; i++)
            {
                AddOuter(a, p.Items.Logical(i), 1.0, withBias: false);
            }
        }

        foreach (var (i, value) in known)
        {
            var q = p.Items.Logical(i);
            if (implicitModel)
            {
                double c = 1.0 + ((double)model.FoldIn.ImplicitAlpha!.Value * value);
                AddOuter(a, q, c - 1.0, withBias: false);
                AddScaled(b, q, c, withBias: false);
            }
            else
            {
                AddOuter(a, q, 1.0, withBias: true);
                AddScaled(b, q, value - p.Mean - p.ItemBias[i], withBias: true);
            }
        }

        // SGD applies λ once per rating, so the explicit objective's penalty grows with the rating count; implicit
        // ALS uses one λ per user (Hu et al.). A tiny floor keeps the system positive definite.
        double ridge = Math.Max(model.FoldIn.Regularization, 1e-6) * (implicitModel ? 1 : Math.Max(1, known.Count));
        for (int d = 0; d < n; d++)
        {
            a[d, d] += ridge;
        }

        var x = n == 0 ? b : a.Cholesky().Solve(b);
        var factors = new float[k];
        for (int f = 0; f < k; f++)
        {
            factors[f] = (float)x[f];
        }

        float bias = withBias ? (float)x[k] : 0f;
        return new FoldedInUser(model, factors, bias, [.. known.Keys]);
    }

    private static void AddOuter(Matrix<double> a, ReadOnlySpan<float> q, double weight, bool withBias)
    {
        int k = q.Length;
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < k; c++)
            {
                a[r, c] += weight * q[r] * q[c];
            }

            if (withBias)
            {
                a[r, k] += weight * q[r];
                a[k, r] += weight * q[r];
            }
        }

        if (withBias)
        {
            a[k, k] += weight;
        }
    }

    private static void AddScaled(Vector<double> b, ReadOnlySpan<float> q, double weight, bool withBias)
    {
        for (int r = 0; r < q.Length; r++)
        {
            b[r] += weight * q[r];
        }

        if (withBias)
        {
            b[q.Length] += weight;
        }
    }
}
