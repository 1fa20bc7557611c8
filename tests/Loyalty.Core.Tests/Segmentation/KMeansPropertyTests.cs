using FsCheck;
using FsCheck.Fluent;
using Loyalty.Core.Segmentation;

namespace Loyalty.Core.Tests.Segmentation;

public sealed class KMeansPropertyTests
{
    /// <summary>Each extra iteration from the same start can only lower the exact objective (relative slack 1e-6 for
    /// float rounding of the centroids).</summary>
    [Fact]
    public void Fit_MoreIterations_ObjectiveNeverIncreases()
    {
        var cases = Gen.Choose(0, int.MaxValue).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(cases, seed =>
        {
            var random = new Random(seed);
            int d = random.Next(1, 6);
            int k = random.Next(1, 7);
            var (features, _) = SyntheticData.Blobs(random.Next(30, 300), d, random.Next(1, 8), std: 2, seed: seed);
            var start = new KMeans(new KMeansOptions { K = k, Seed = seed, MaxIterations = 1 }).Fit(features).Centroids;
            double previous = double.PositiveInfinity;
            for (int iterations = 1; iterations <= 8; iterations++)
            {
                var model = new KMeans(new KMeansOptions
                {
                    K = k, Initialization = KMeansInitialization.Given, InitialCentroids = start, MaxIterations = iterations, Tolerance = 0,
                }).Fit(features);
                Assert.True(model.Inertia <= previous * (1 + 1e-6) + 1e-9, $"iteration {iterations}: {model.Inertia} > {previous}");
                previous = model.Inertia;
            }
        }));
    }

    /// <summary>For random data, thread count and algorithm never change the result.</summary>
    [Fact]
    public void Fit_AnyData_ThreadsAndAlgorithmDoNotChangeResult()
    {
        var cases = Gen.Choose(0, int.MaxValue).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(15), Prop.ForAll(cases, seed =>
        {
            var random = new Random(seed);
            var (features, _) = SyntheticData.Blobs(random.Next(4000, 10_000), random.Next(1, 20), random.Next(1, 20), std: 3, seed: seed);
            var options = new KMeansOptions { K = random.Next(1, 20), Seed = seed, MaxDegreeOfParallelism = 1 };
            var reference = new KMeans(options).Fit(features);
            var other = new KMeans(options with { MaxDegreeOfParallelism = 2, Algorithm = KMeansAlgorithm.Hamerly }).Fit(features);
            Assert.Equal(reference.Labels, other.Labels);
            Assert.Equal(reference.Inertia, other.Inertia);
            var yinyang = new KMeans(options with { K = options.K + 20, MaxDegreeOfParallelism = 2, Algorithm = KMeansAlgorithm.Yinyang }).Fit(features);
            var lloydMany = new KMeans(options with { K = options.K + 20 }).Fit(features);
            Assert.Equal(lloydMany.Labels, yinyang.Labels);
            Assert.Equal(lloydMany.Inertia, yinyang.Inertia);
        }));
    }
}
