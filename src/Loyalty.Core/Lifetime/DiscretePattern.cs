namespace Loyalty.Core.Lifetime;

/// <summary>A discrete-time history (BG/BB): over <paramref name="Periods"/> transaction opportunities the
/// customer transacted in <paramref name="Frequency"/> of them, the last in period <paramref name="Recency"/>;
/// <paramref name="Weight"/> customers share the pattern.</summary>
/// <param name="Frequency">x: opportunities with a transaction, 0..n.</param>
/// <param name="Recency">t_x: the last opportunity with a transaction (0 when x = 0), x ≤ t_x ≤ n.</param>
/// <param name="Periods">n: number of opportunities observed.</param>
/// <param name="Weight">Number of customers with this pattern (&gt; 0).</param>
/// <remarks>Thread safety: immutable; safe to share between threads.</remarks>
public readonly record struct DiscretePattern(int Frequency, int Recency, int Periods, double Weight = 1);
