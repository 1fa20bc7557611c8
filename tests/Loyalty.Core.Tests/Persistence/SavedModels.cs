using Loyalty.Cli.Input;
using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Feedback.Uplift;
using Loyalty.Core.Lifetime;
using Loyalty.Core.Recommendation;
using Loyalty.Core.Segmentation;
using Loyalty.Core.Tests.Lifetime;
using Loyalty.Core.Tests.Recommendation;
using Loyalty.Core.Tests.Segmentation;

namespace Loyalty.Core.Tests.Persistence;

/// <summary>One small fitted model of every kind that saves, with its format name and its loader, fitted once per
/// test run so the format tests over all models stay quick.</summary>
internal static class SavedModels
{
    internal sealed record Case(string Format, Func<byte[]> Bytes, Func<Stream, object> Load);

    private static readonly Lazy<Dictionary<string, Case>> All = new(Build);

    internal static IEnumerable<string> Formats => All.Value.Keys;

    internal static Case Get(string format) => All.Value[format];

    internal static byte[] Save(Action<Stream> save)
    {
        using var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }

    /// <summary>The header is "LYMF", the format name (one length byte for these short names), then the Int32 version.</summary>
    internal static int VersionOffset(byte[] bytes) => 4 + 1 + bytes[4];

    internal static byte[] WithVersion(byte[] bytes, int version)
    {
        byte[] copy = (byte[])bytes.Clone();
        BitConverter.GetBytes(version).CopyTo(copy, VersionOffset(copy));
        return copy;
    }

    internal static KMeansModel KMeans() =>
        new KMeans(new KMeansOptions { K = 4, Seed = 2, Standardization = ScalingMethod.Log1pZScore })
            .Fit(Positive(SyntheticData.Blobs(400, 3, 4, std: 1, seed: 5).Features));

    /// <summary>Two dense lines and one outlier: two clusters and noise.</summary>
    internal static DbscanModel Dbscan()
    {
        var rows = new List<float[]>();
        for (int i = 0; i < 30; i++)
        {
            rows.Add([i * 0.1f, 0f]);
            rows.Add([10f + (i * 0.1f), 5f]);
        }

        rows.Add([5f, -4f]);
        return new Dbscan(new DbscanOptions { Eps = 0.25, MinSamples = 3 }).Fit(FeatureMatrix.FromRows(rows));
    }

    internal static FeatureScaler Scaler(ScalingMethod method) =>
        FeatureScaler.Fit(Positive(SyntheticData.Blobs(200, 4, 2, std: 2, seed: 3).Features), method);

    internal static TwoModelUplift Uplift()
    {
        var random = new Random(4);
        var observations = Enumerable.Range(0, 400).Select(i =>
            new UpliftObservation($"s{i % 7}", i % 2 == 0, (i % 7) + (i % 2 == 0 ? 0.5 : 0) + random.NextDouble()));
        return TwoModelUplift.Fit(observations, priorStrength: 3);
    }

    internal static readonly Lazy<BgNbdModel> BgNbd = new(() => new BgNbdFitter().FitModel(CdnowData.Customers));
    internal static readonly Lazy<ModifiedBgNbdModel> ModifiedBgNbd = new(() => new ModifiedBgNbdFitter().FitModel(CdnowData.Customers));
    internal static readonly Lazy<ParetoNbdModel> ParetoNbd = new(() => new ParetoNbdFitter().FitModel(CdnowData.Customers));
    internal static readonly Lazy<GammaGammaModel> GammaGamma = new(() => new GammaGammaFitter().Fit(CdnowData.Customers));

    internal static readonly Lazy<BetaGeometricBetaBinomialModel> Bgbb = new(() =>
        new BetaGeometricBetaBinomialFitter().Fit(SummaryReader.ReadDiscrete(TestData.Bundled("cdnow", "donations.csv"))));

    internal static readonly Lazy<ShiftedBetaGeometricModel> Sbg = new(() =>
        new ShiftedBetaGeometricFitter().Fit([1000, 631, 468, 382, 326, 289, 262, 241]));

    private static FeatureMatrix Positive(FeatureMatrix features)
    {
        float[] data = features.Data.ToArray();
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Math.Abs(data[i]);
        }

        return new FeatureMatrix(data, features.Rows, features.Columns);
    }

    private static Dictionary<string, Case> Build()
    {
        var ratings = RecommendationData.Small();
        var factor = new MatrixFactorizationRecommender(new MatrixFactorizationOptions { Factors = 8, Epochs = 3 }).Fit(ratings);
        var knn = new KnnRecommender(new KnnOptions { K = 10 }).Fit(ratings);
        var kmeans = KMeans();
        var dbscan = Dbscan();
        var scaler = Scaler(ScalingMethod.ZScore);
        var uplift = Uplift();
        var cases = new[]
        {
            new Case("loyalty.factor", () => Save(factor.Save), s => FactorModel.Load(s)),
            new Case("loyalty.knn", () => Save(knn.Save), s => KnnModel.Load(s)),
            new Case("loyalty.kmeans", () => Save(kmeans.Save), s => KMeansModel.Load(s)),
            new Case("loyalty.dbscan", () => Save(dbscan.Save), s => DbscanModel.Load(s)),
            new Case("loyalty.scaler", () => Save(scaler.Save), s => FeatureScaler.Load(s)),
            new Case("loyalty.uplift", () => Save(uplift.Save), s => TwoModelUplift.Load(s)),
            new Case("loyalty.bgnbd", () => Save(BgNbd.Value.Save), s => BgNbdModel.Load(s)),
            new Case("loyalty.mbgnbd", () => Save(ModifiedBgNbd.Value.Save), s => ModifiedBgNbdModel.Load(s)),
            new Case("loyalty.paretonbd", () => Save(ParetoNbd.Value.Save), s => ParetoNbdModel.Load(s)),
            new Case("loyalty.bgbb", () => Save(Bgbb.Value.Save), s => BetaGeometricBetaBinomialModel.Load(s)),
            new Case("loyalty.gammagamma", () => Save(GammaGamma.Value.Save), s => GammaGammaModel.Load(s)),
            new Case("loyalty.sbg", () => Save(Sbg.Value.Save), s => ShiftedBetaGeometricModel.Load(s)),
        };
        return cases.ToDictionary(c => c.Format, StringComparer.Ordinal);
    }
}
