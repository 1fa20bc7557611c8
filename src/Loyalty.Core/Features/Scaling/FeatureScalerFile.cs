using Loyalty.Core.Persistence;

namespace Loyalty.Core.Features.Scaling;

/// <summary>The <c>loyalty.scaler</c> format of <see cref="FeatureScaler"/>: the method, per-column offsets and scales,
/// and the columns that were constant on the fitting data.</summary>
internal static class FeatureScalerFile
{
    internal const string Format = "loyalty.scaler";
    internal const int Version = 1;

    internal static void Write(FeatureScaler scaler, Stream stream) => ModelFileWriter.Write(stream, Format, Version, w =>
    {
        w.WriteEnum(scaler.Method);
        w.Write(scaler.Offsets.ToArray());
        w.Write(scaler.Scales.ToArray());
        w.Write(scaler.ConstantColumns.ToArray());
    });

    internal static FeatureScaler Read(Stream stream) => ModelFileReader.Read(stream, Format, Version, r =>
    {
        var method = r.ReadEnum<ScalingMethod>("method");
        double[] offsets = r.ReadDoubles("offsets");
        double[] scales = r.ReadDoubles("scales", offsets.Length);
        for (int j = 0; j < scales.Length; j++)
        {
            if (!(scales[j] > 0))
            {
                throw r.Invalid($"scales[{j}]", $"is {ModelFileReader.Show(scales[j])}; it must be greater than 0");
            }
        }

        int[] constant = r.ReadInt32s("constantColumns", 0, offsets.Length - 1);
        for (int c = 1; c < constant.Length; c++)
        {
            if (constant[c] <= constant[c - 1])
            {
                throw r.Invalid($"constantColumns[{c}]", "is not ascending");
            }
        }

        return FeatureScaler.FromParts(method, offsets, scales, constant);
    });
}
