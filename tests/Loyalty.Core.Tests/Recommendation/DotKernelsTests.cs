using FsCheck;
using FsCheck.Fluent;
using System.Runtime.Intrinsics;
using Loyalty.Core.Numerics;
using Loyalty.Core.Numerics.Simd;
using Loyalty.Core.Tests.Numerics.Simd;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>The vectorised kernels against their scalar references over lengths 0..300 (every tail case, and more
/// than eight vectors, of each width tier; a tier the machine does not accelerate is skipped). Tolerance: 1e-5 relative to Σ|x·y| plus 1e-6, since the vector paths sum in a
/// different order and use fused multiply-adds.</summary>
[Trait("Category", VectorTiers.Category)]
public sealed class DotKernelsTests
{
    public static TheoryData<int> Tiers => VectorTiers.Bits;

    private const float Relative = 1e-5f;
    private const float Absolute = 1e-6f;

    private static float[] RandomVector(Random random, int length)
    {
        var v = new float[length];
        for (int i = 0; i < length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return v;
    }

    private static float Scale(float[] x, float[] y)
    {
        float s = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Abs(x[i] * y[i]);
        }

        return (Relative * s) + Absolute;
    }

    [Fact]
    public void Dot_Lengths0To300_EqualsScalar()
    {
        var random = new Random(1);
        for (int n = 0; n <= 300; n++)
        {
            var x = RandomVector(random, n);
            var y = RandomVector(random, n);
            Assert.InRange(DotKernels.Dot(x, y) - DotKernels.DotScalar(x, y), -Scale(x, y), Scale(x, y));
        }
    }

    [Fact]
    public void Axpy_Lengths0To300_EqualsScalar()
    {
        var random = new Random(2);
        for (int n = 0; n <= 300; n++)
        {
            var x = RandomVector(random, n);
            var y = RandomVector(random, n);
            var expected = (float[])y.Clone();
            DotKernels.AxpyScalar(0.37f, x, expected);
            DotKernels.Axpy(0.37f, x, y);
            AssertClose(expected, y, 1e-6f);
        }
    }

    [Fact]
    public void ScaleAdd_Lengths0To300_EqualsScalar()
    {
        var random = new Random(3);
        for (int n = 0; n <= 300; n++)
        {
            var x = RandomVector(random, n);
            var y = RandomVector(random, n);
            var expected = (float[])x.Clone();
            DotKernels.ScaleAddScalar(expected, 0.99f, -0.25f, y);
            DotKernels.ScaleAdd(x, 0.99f, -0.25f, y);
            AssertClose(expected, x, 1e-6f);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Tiers))]
    public void Dot_EveryTierLengths0To300_EqualsScalar(int bits)
    {
        VectorTiers.Require(bits);
        var random = new Random(6);
        for (int n = 0; n <= 300; n++)
        {
            var x = RandomVector(random, n);
            var y = RandomVector(random, n);
            float actual = bits switch
            {
                128 => DotKernels.Dot<Width128, Vector128<float>>(x, y),
                256 => DotKernels.Dot<Width256, Vector256<float>>(x, y),
                _ => DotKernels.Dot<Width512, Vector512<float>>(x, y),
            };
            Assert.InRange(actual - DotKernels.DotScalar(x, y), -Scale(x, y), Scale(x, y));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Tiers))]
    public void Axpy_EveryTierLengths0To300_EqualsScalar(int bits)
    {
        VectorTiers.Require(bits);
        var random = new Random(7);
        for (int n = 0; n <= 300; n++)
        {
            var x = RandomVector(random, n);
            var y = RandomVector(random, n);
            var expected = (float[])y.Clone();
            DotKernels.AxpyScalar(0.37f, x, expected);
            switch (bits)
            {
                case 128: DotKernels.Axpy<Width128, Vector128<float>>(0.37f, x, y); break;
                case 256: DotKernels.Axpy<Width256, Vector256<float>>(0.37f, x, y); break;
                default: DotKernels.Axpy<Width512, Vector512<float>>(0.37f, x, y); break;
            }

            AssertClose(expected, y, 1e-6f);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Tiers))]
    public void ScaleAdd_EveryTierLengths0To300_EqualsScalar(int bits)
    {
        VectorTiers.Require(bits);
        var random = new Random(8);
        for (int n = 0; n <= 300; n++)
        {
            var x = RandomVector(random, n);
            var y = RandomVector(random, n);
            var expected = (float[])x.Clone();
            DotKernels.ScaleAddScalar(expected, 0.99f, -0.25f, y);
            switch (bits)
            {
                case 128: DotKernels.ScaleAdd<Width128, Vector128<float>>(x, 0.99f, -0.25f, y); break;
                case 256: DotKernels.ScaleAdd<Width256, Vector256<float>>(x, 0.99f, -0.25f, y); break;
                default: DotKernels.ScaleAdd<Width512, Vector512<float>>(x, 0.99f, -0.25f, y); break;
            }

            AssertClose(expected, x, 1e-6f);
        }
    }

    [Fact]
    public void Dot_RandomVectors_MatchesScalarProperty()
    {
        var arb = ArbMap.Default.ArbFor<NormalFloat[]>().Generator
            .Select(a => a.Select(f => (float)Math.Clamp(f.Get, -1e3, 1e3)).ToArray())
            .ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(arb, x =>
        {
            var y = x.Reverse().ToArray();
            float diff = Math.Abs(DotKernels.Dot(x, y) - DotKernels.DotScalar(x, y));
            return diff <= Scale(x, y) * 10f;
        }));
    }

    [Fact]
    public void Dot_LengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => DotKernels.Dot(new float[3], new float[4]));

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.InRange(actual[i] - expected[i], -tolerance, tolerance);
        }
    }
}
