namespace Loyalty.Core.Recommendation;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Box–Muller), so runs are reproducible.</summary>
internal static class Gaussian
{
    internal static float Next(Random random)
    {
        double u1 = 1.0 - random.NextDouble(); // in (0, 1]: the logarithm stays finite
        double u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
