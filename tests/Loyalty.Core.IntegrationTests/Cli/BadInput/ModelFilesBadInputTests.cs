using System.Globalization;
using System.Text;
using Loyalty.Cli.Infrastructure;
using Loyalty.Core.Tests.Recommendation;

namespace Loyalty.Core.Tests.Cli.BadInput;

/// <summary>Damaged model files given to <c>--load-model</c>: exit 2 with one line naming the file, the field and its
/// byte offset. The k-means file is a real saved model with one field overwritten; the factor files are written
/// field by field with one field out of bounds.</summary>
public sealed class ModelFilesBadInputTests : IDisposable
{
    // loyalty.kmeans layout: "LYMF", name (1 + 14 bytes), version (4) = 23; algorithm 23, k 27, dimensions 31,
    // centroids length 35, centroids[0] 39.
    private const int KOffset = 27;
    private const int FirstCentroidOffset = 39;

    private readonly string _dir = Directory.CreateTempSubdirectory("model-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SegmentLoadModel_OverflowingSizeField_ExitTwoNamingFileAndField()
    {
        string model = Damaged(KOffset, BitConverter.GetBytes(int.MaxValue));
        var (exit, _, stderr) = CliHarness.Run("segment", "--input", Points(), "--load-model", model);
        Assert.Equal(CliRunner.BadInput, exit);
        string line = ErrorLine(stderr);
        Assert.StartsWith($"error: {model}: ", line, StringComparison.Ordinal);
        Assert.Contains("centroids declares", line, StringComparison.Ordinal);
        Assert.Contains("bytes remain", line, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentLoadModel_NaNCentroid_ExitTwoNamingTheElementAndOffset()
    {
        string model = Damaged(FirstCentroidOffset, BitConverter.GetBytes(float.NaN));
        var (exit, _, stderr) = CliHarness.Run("segment", "--input", Points(), "--load-model", model);
        Assert.Equal(CliRunner.BadInput, exit);
        string line = ErrorLine(stderr);
        Assert.StartsWith($"error: {model}: ", line, StringComparison.Ordinal);
        Assert.Contains("centroids[0] is NaN; it must be finite (field at byte 35)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void RecommendLoadModel_ClipMinAboveMax_ExitTwoNamingFileAndClip()
    {
        string model = FactorFile(clipMin: 5, clipMax: 1);
        var (exit, _, stderr) = CliHarness.Run("recommend", "top", "--user", "u1", "--n", "2", "--load-model", model);
        Assert.Equal(CliRunner.BadInput, exit);
        string line = ErrorLine(stderr);
        Assert.StartsWith($"error: {model}: ", line, StringComparison.Ordinal);
        Assert.Contains("clip is [5, 1]; the minimum must be below the maximum", line, StringComparison.Ordinal);
    }

    [Fact]
    public void RecommendLoadModel_DecreasingSeenOffsets_ExitTwoNamingTheOffset()
    {
        string model = FactorFile(seenStart: [0, 5, 2]);
        var (exit, _, stderr) = CliHarness.Run("recommend", "top", "--user", "u1", "--n", "2", "--load-model", model);
        Assert.Equal(CliRunner.BadInput, exit);
        string line = ErrorLine(stderr);
        Assert.StartsWith($"error: {model}: ", line, StringComparison.Ordinal);
        Assert.Contains("seen.start[2] is 2, below seen.start[1] = 5; row offsets must not decrease", line, StringComparison.Ordinal);
    }

    [Fact]
    public void RecommendLoadModel_NaNFactor_ExitTwoNamingUserFactors()
    {
        string model = FactorFile(userFactor: float.NaN);
        var (exit, _, stderr) = CliHarness.Run("recommend", "top", "--user", "u1", "--n", "2", "--load-model", model);
        Assert.Equal(CliRunner.BadInput, exit);
        string line = ErrorLine(stderr);
        Assert.StartsWith($"error: {model}: ", line, StringComparison.Ordinal);
        Assert.Contains("userFactors", line, StringComparison.Ordinal);
        Assert.Contains("NaN", line, StringComparison.Ordinal);
    }

    [Fact]
    public void RecommendLoadModel_UndamagedHandWrittenFile_ExitZero()
    {
        // Guards the layout FactorFile writes: the three damaged files above differ from this one in one field.
        var (exit, _, stderr) = CliHarness.Run("recommend", "top", "--user", "u1", "--n", "2", "--load-model", FactorFile());
        Assert.True(exit == CliRunner.Success, stderr);
    }

    /// <summary>A hand-written <c>loyalty.factor</c> file with one field set by the test.</summary>
    private string FactorFile(float clipMin = 1, float clipMax = 5, int[]? seenStart = null, float userFactor = 0.3f)
    {
        string path = Path.Combine(_dir, "damaged.factor");
        using var stream = File.Create(path);
        new HandWrittenFactorFile { ClipMin = clipMin, ClipMax = clipMax, SeenStart = seenStart ?? [0, 1, 2], UserFactor = userFactor }.WriteTo(stream);
        return path;
    }

    private string Damaged(int offset, byte[] value)
    {
        string model = Path.Combine(_dir, "kmeans.lymf");
        Assert.Equal(CliRunner.Success, CliHarness.Run("segment", "--input", Points(), "--k", "3", "--seed", "2", "--save-model", model).Exit);
        byte[] bytes = File.ReadAllBytes(model);
        value.CopyTo(bytes, offset);
        File.WriteAllBytes(model, bytes);
        return model;
    }

    private static string ErrorLine(string stderr) => Assert.Single(stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal)).TrimEnd();

    private string Points()
    {
        var csv = new StringBuilder("spend,visits\n");
        for (int i = 0; i < 60; i++)
        {
            int group = i % 3;
            csv.Append(CultureInfo.InvariantCulture, $"{(group * 10) + (i * 0.01):0.00},{(group * 5) + 1 + (i % 4 * 0.1):0.0}\n");
        }

        string path = Path.Combine(_dir, "points.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }
}
