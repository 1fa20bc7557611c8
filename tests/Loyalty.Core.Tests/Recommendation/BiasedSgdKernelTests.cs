using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics.Simd;
using Loyalty.Core.Recommendation;
using Loyalty.Core.Tests.Numerics.Simd;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>The augmented SGD step (factors and biases in one row) on every vector width against the scalar
/// transcription of Surprise's loop, for factor counts 0..300 (every position of the bias cells in a vector).
/// Tolerance: 1e-5 relative to Σ|p·q| plus 1e-6 for the error, 1e-5 per cell (fused multiply-adds and summation
/// order differ).</summary>
[Trait("Category", VectorTiers.Category)]
public sealed class BiasedSgdKernelTests
{
    private const float LearningRate = 0.05f;
    private const float Regularization = 0.02f;
    private const float BiasRegularization = 0.3f;

    public static TheoryData<string, bool> Paths() => new()
    {
        { "512", true }, { "512", false }, { "256", true }, { "256", false }, { "128", true }, { "128", false },
        { "lanes", true }, { "lanes", false }, { "dispatch", true },
    };

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public void Step_Factors0To300_EqualsSurpriseLoop(string path, bool useBiases)
    {
        if (int.TryParse(path, out int bits))
        {
            VectorTiers.Require(bits);
        }

        var random = new Random(11);
        for (int k = 0; k <= 300; k++)
        {
            var (p, q) = AugmentedRows(random, k);
            var (ep, eq) = ((float[])p.Clone(), (float[])q.Clone());
            var lanes = new SgdLanes(k, p.Length, LearningRate, Regularization, BiasRegularization, useBiases);
            float expected = BiasedSgdKernel.StepScalar(ep, eq, k, 4f, 3.5f, LearningRate, Regularization, BiasRegularization, useBiases);
            float actual = path switch
            {
                "512" => BiasedSgdKernel.Step<Width512, Vector512<float>>(p, q, 4f, 3.5f, lanes),
                "256" => BiasedSgdKernel.Step<Width256, Vector256<float>>(p, q, 4f, 3.5f, lanes),
                "128" => BiasedSgdKernel.Step<Width128, Vector128<float>>(p, q, 4f, 3.5f, lanes),
                "lanes" => BiasedSgdKernel.StepLanes(p, q, 4f, 3.5f, lanes),
                _ => BiasedSgdKernel.Step(p, q, 4f, 3.5f, lanes),
            };
            float tolerance = (1e-5f * SumAbsProducts(ep, eq)) + 1e-6f;
            Assert.InRange(actual - expected, -tolerance, tolerance);
            for (int c = 0; c < p.Length; c++)
            {
                Assert.InRange(p[c] - ep[c], -1e-5f, 1e-5f);
                Assert.InRange(q[c] - eq[c], -1e-5f, 1e-5f);
            }

            // The constants and the padding are exact, not approximately right.
            Assert.Equal(1f, p[k + 1]);
            Assert.Equal(1f, q[k]);
            Assert.All(p[(k + 2)..], x => Assert.Equal(0f, x));
            Assert.All(q[(k + 2)..], x => Assert.Equal(0f, x));
        }
    }

    [Fact]
    public void Step_WithoutBiases_BiasCellsStayZero()
    {
        var random = new Random(12);
        var (p, q) = AugmentedRows(random, 100);
        p[100] = 0f;
        q[101] = 0f;
        var lanes = new SgdLanes(100, p.Length, LearningRate, Regularization, Regularization, useBiases: false);
        for (int n = 0; n < 50; n++)
        {
            BiasedSgdKernel.Step(p, q, 5f, 3.5f, lanes);
        }

        Assert.Equal(0f, p[100]);
        Assert.Equal(0f, q[101]);
    }

    [Fact]
    public void Step_RowsOfDifferentLength_Throws()
    {
        var lanes = new SgdLanes(10, 16, LearningRate, Regularization, Regularization, true);
        Assert.Throws<ArgumentException>(() => BiasedSgdKernel.Step(new float[16], new float[32], 1f, 0f, lanes));
    }

    /// <summary>Padded rows [p, b_u, 1, 0…] and [q, 1, b_i, 0…] of random values.</summary>
    private static (float[] P, float[] Q) AugmentedRows(Random random, int k)
    {
        int stride = (k + AugmentedFactors.ReservedCells + 15) / 16 * 16;
        var p = new float[stride];
        var q = new float[stride];
        for (int f = 0; f < k; f++)
        {
            p[f] = (float)((random.NextDouble() * 2) - 1);
            q[f] = (float)((random.NextDouble() * 2) - 1);
        }

        p[k] = (float)(random.NextDouble() - 0.5);
        p[k + 1] = 1f;
        q[k] = 1f;
        q[k + 1] = (float)(random.NextDouble() - 0.5);
        return (p, q);
    }

    private static float SumAbsProducts(float[] p, float[] q)
    {
        float s = 0f;
        for (int c = 0; c < p.Length; c++)
        {
            s += Math.Abs(p[c] * q[c]);
        }

        return s;
    }
}
