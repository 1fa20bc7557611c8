namespace Loyalty.Core.Tests.Segmentation;

/// <summary>Seeded synthetic feature matrices for the segmentation tests.</summary>
internal static class SyntheticData
{
    /// <summary>Gaussian blobs around centres drawn in [−spread, spread]^d; returns the matrix and the true blob.</summary>
    internal static (FeatureMatrix Features, int[] Truth) Blobs(int n, int d, int k, double std, int seed, double spread = 10)
    {
        var random = new Random(seed);
        var centres = new double[k * d];
        for (int i = 0; i < centres.Length; i++)
        {
            centres[i] = (random.NextDouble() * 2 - 1) * spread;
        }

        var data = new float[n * d];
        var truth = new int[n];
        for (int i = 0; i < n; i++)
        {
            truth[i] = i % k;
            for (int j = 0; j < d; j++)
            {
                data[i * d + j] = (float)(centres[truth[i] * d + j] + std * Gaussian(random));
            }
        }

        return (new FeatureMatrix(data, n, d), truth);
    }

    /// <summary>Uniform values in [−1, 1).</summary>
    internal static float[] Uniform(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
