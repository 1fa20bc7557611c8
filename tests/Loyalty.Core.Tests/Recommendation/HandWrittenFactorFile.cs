using Loyalty.Core.Persistence;
using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>A <c>loyalty.factor</c> file (2 users, 2 items, 1 factor) written field by field through
/// <see cref="ModelFileWriter"/> in the layout of <see cref="FactorModelFile"/>, with the fields a test damages. The
/// defaults make a valid file. Shared with the CLI's bad-input tests (linked into the integration tests).</summary>
internal sealed record HandWrittenFactorFile
{
    public float ClipMin { get; init; } = 1;

    public float ClipMax { get; init; } = 5;

    public float UserFactor { get; init; } = 0.3f;

    public float ItemFactor { get; init; } = 0.5f;

    public int[] SeenStart { get; init; } = [0, 1, 2];

    /// <summary>Writes the file to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream) =>
        ModelFileWriter.Write(stream, FactorModelFile.Format, FactorModelFile.Version, w =>
        {
            w.Write("svd");
            w.Write(3.5f); // mean
            w.Write(true); // hasClip
            w.Write(ClipMin);
            w.Write(ClipMax);
            w.Write(0.02f); // foldIn.regularization
            w.Write(float.NaN); // foldIn.implicitAlpha: absent
            w.Write(["u1", "u2"]);
            w.Write(["i1", "i2"]);
            w.Write([0.1f, -0.1f]); // userBias
            w.Write([0.2f, -0.2f]); // itemBias
            w.Write(1); // factors
            w.Write([UserFactor, 0.4f]);
            w.Write([ItemFactor, 0.6f]);
            w.Write(SeenStart);
            w.Write([0, 1]); // seen.items
            w.Write([4f, 3f]); // seen.values
        });
}
