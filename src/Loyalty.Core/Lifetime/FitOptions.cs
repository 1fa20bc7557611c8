using Loyalty.Core.Validation;

namespace Loyalty.Core.Lifetime;

/// <summary>Settings of a maximum-likelihood fit. Every model's fitter accepts these.</summary>
/// <remarks>The fit minimizes −ℓ(θ)/W + λ·Σ θ_i² over ln θ, where ℓ is the total log-likelihood, W the number
/// of customers (sum of weights) and λ the <see cref="Penalizer"/> — the L2 penalty on the natural parameters that the
/// lifetimes package uses, so a given λ means the same in both.
/// Thread safety: immutable; safe to share between threads.</remarks>
public sealed record FitOptions
{
    /// <summary>The defaults: no penalty, 1000 iterations, gradient tolerance 1e-9.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>L2 penalty λ ≥ 0 on the parameters (0: plain maximum likelihood).</summary>
    public double Penalizer { get; init; }

    /// <summary>Iteration limit of the optimizer (&gt; 0).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Converged when the largest gradient component of the per-customer objective in log-parameters is
    /// below this (&gt; 0).</summary>
    public double GradientTolerance { get; init; } = 1e-9;

    /// <summary>Starting values by parameter name (all &gt; 0); missing names take the model's defaults.</summary>
    public IReadOnlyDictionary<string, double>? InitialValues { get; init; }

    /// <summary>Checks every setting and reports all problems in one exception.</summary>
    /// <param name="parameterNames">The model's parameter names, to check <see cref="InitialValues"/>' keys.</param>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists them all, each named
    /// as <c>FitOptions.Property</c>.</exception>
    public void Validate(IReadOnlyCollection<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        var v = new OptionsValidator(nameof(FitOptions));
        Collect(v, parameterNames);
        v.ThrowIfInvalid();
    }

    /// <summary>Adds every problem of the settings to <paramref name="v"/>.</summary>
    internal void Collect(OptionsValidator v, IReadOnlyCollection<string> parameterNames)
    {
        v.NonNegative(nameof(Penalizer), Penalizer);
        v.AtLeast(nameof(MaxIterations), MaxIterations, 1);
        v.Positive(nameof(GradientTolerance), GradientTolerance);
        foreach (var (name, value) in InitialValues ?? new Dictionary<string, double>())
        {
            string property = $"{nameof(InitialValues)}['{name}']";
            if (v.Require(parameterNames.Contains(name), property, $"must name a parameter of this model ({string.Join(", ", parameterNames)})"))
            {
                v.Positive(property, value);
            }
        }
    }
}
