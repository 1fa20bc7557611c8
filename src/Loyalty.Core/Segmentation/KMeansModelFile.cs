using Loyalty.Core.Features.Scaling;
using Loyalty.Core.Persistence;

namespace Loyalty.Core.Segmentation;

/// <summary>The <c>loyalty.kmeans</c> format of <see cref="KMeansModel"/>: sizes, the centroids in the clustering
/// space, the standardisation (mode, means, scales), the training labels and the fit statistics. The centroids in
/// original units and the assignment panel are rebuilt by the constructor the fit uses.</summary>
internal static class KMeansModelFile
{
    internal const string Format = "loyalty.kmeans";
    internal const int Version = 1;

    internal static void Write(KMeansModel model, Stream stream) => ModelFileWriter.Write(stream, Format, Version, w =>
    {
        w.WriteEnum(model.Algorithm);
        w.Write(model.K);
        w.Write(model.Dimensions);
        w.Write(model.ClusteringCentroids.Data);
        var scaler = model.Scaler;
        w.WriteEnum(scaler?.Mode ?? ScalingMethod.None);
        w.Write(scaler is null ? [] : scaler.Means);
        w.Write(scaler is null ? [] : scaler.Scales);
        w.Write(model.Labels.ToArray());
        w.Write(model.Inertia);
        w.Write(model.Iterations);
        w.Write(model.Converged);
        w.Write(model.InitSeconds);
        w.Write(model.FitSeconds);
    });

    internal static KMeansModel Read(Stream stream) => ModelFileReader.Read(stream, Format, Version, r =>
    {
        var algorithm = r.ReadEnum<KMeansAlgorithm>("algorithm");
        int k = r.ReadInt32("k", 1, int.MaxValue);
        int dimensions = r.ReadInt32("dimensions", 1, int.MaxValue);
        r.EnsureRemaining("centroids", (long)k * dimensions, sizeof(float));
        float[] centroids = r.ReadSingles("centroids", k * dimensions);
        var mode = r.ReadEnum<ScalingMethod>("standardization");
        int scaled = mode == ScalingMethod.None ? 0 : dimensions;
        double[] means = r.ReadDoubles("standardization.means", scaled);
        double[] scales = r.ReadDoubles("standardization.scales", scaled);
        for (int j = 0; j < scales.Length; j++)
        {
            if (!(scales[j] > 0))
            {
                throw r.Invalid($"standardization.scales[{j}]", $"is {ModelFileReader.Show(scales[j])}; it must be greater than 0");
            }
        }

        int[] labels = r.ReadInt32s("labels", 0, k - 1);
        double inertia = r.ReadNonNegative("inertia");
        int iterations = r.ReadInt32("iterations", 0, int.MaxValue);
        bool converged = r.ReadBoolean("converged");
        double initSeconds = r.ReadNonNegative("initSeconds");
        double fitSeconds = r.ReadNonNegative("fitSeconds");
        var scaler = mode == ScalingMethod.None ? null : SegmentationScaler.FromParts(mode, means, scales);
        var run = new KMeansRun(centroids, ClusterLabels.From(labels, k), inertia, iterations, converged);
        return new KMeansModel(run, dimensions, scaler, algorithm, initSeconds, fitSeconds);
    });
}
