using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Numerics;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>The vectorised kernels against their scalar references over lengths 0..300 (every tail case of
/// Vector512 and Vector256). Tolerance: 1e-5 relative to Σ|x·y| plus 1e-6, since the vector paths sum in a
/// different order and use fused multiply-adds.</summary>
public sealed class DotKernelsTests
{
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

    [Fact]
    public void SgdStep_Lengths0To300_EqualsTextbookRule()
    {
        var random = new Random(4);
        const float lr = 0.005f, reg = 0.02f, error = 0.8f;
        for (int n = 0; n <= 300; n++)
        {
            var p = RandomVector(random, n);
            var q = RandomVector(random, n);
            var (ep, eq) = ((float[])p.Clone(), (float[])q.Clone());
            DotKernels.SgdStepScalar(ep, eq, lr, error, reg);
            DotKernels.SgdStep(p, q, lr * error, 1f - (lr * reg));
            AssertClose(ep, p, 1e-6f);
            AssertClose(eq, q, 1e-6f);
        }
    }

    [Fact]
    public void FusedSgd_Lengths0To300_EqualsScalarErrorAndUpdate()
    {
        var random = new Random(5);
        const float lr = 0.005f, reg = 0.02f;
        for (int n = 0; n <= 300; n++)
        {
            var p = RandomVector(random, n);
            var q = RandomVector(random, n);
            var (ep, eq) = ((float[])p.Clone(), (float[])q.Clone());
            float tolerance = Scale(p, q);
            float expected = DotKernels.FusedSgdScalar(ep, eq, 4f, 3.5f, lr, reg);
            float actual = DotKernels.FusedSgd(p, q, 4f, 3.5f, lr, 1f - (lr * reg));
            Assert.InRange(actual - expected, -tolerance, tolerance);
            AssertClose(ep, p, 1e-5f);
            AssertClose(eq, q, 1e-5f);
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
