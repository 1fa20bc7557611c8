namespace Loyalty.Core.Lifetime;

/// <summary>A likelihood's contribution from patterns [from, to): adds ℓ to the return value and ∂ℓ/∂u into gradient.</summary>
internal delegate double RangeLogLikelihood(int from, int to, Span<double> gradient);

/// <summary>
/// Sums a likelihood over patterns in fixed chunks, in parallel when there are many. Chunk boundaries and the order
/// of the final sum do not depend on scheduling, so the result is bit-for-bit reproducible.
/// </summary>
internal static class ParallelSum
{
    /// <summary>Chunk size for cheap per-pattern work (BG/NBD): below two chunks, threads cost more than they save.</summary>
    internal const int DefaultChunkSize = 8192;

    internal static double Run(int count, int parameters, RangeLogLikelihood body, Span<double> gradient, int chunkSize = DefaultChunkSize)
    {
        gradient.Clear();
        if (count <= 2 * chunkSize)
        {
            return body(0, count, gradient);
        }

        int chunks = (count + chunkSize - 1) / chunkSize;
        var values = new double[chunks];
        var grads = new double[chunks * parameters];
        Parallel.For(0, chunks, c =>
        {
            int from = c * chunkSize;
            int to = Math.Min(count, from + chunkSize);
            values[c] = body(from, to, grads.AsSpan(c * parameters, parameters));
        });

        double total = 0;
        for (int c = 0; c < chunks; c++)
        {
            total += values[c];
            for (int i = 0; i < parameters; i++)
            {
                gradient[i] += grads[(c * parameters) + i];
            }
        }

        return total;
    }
}
