using Loyalty.Core.Persistence;
using Loyalty.Core.Recommendation;

namespace Loyalty.Core.Tests.Recommendation;

/// <summary>A <c>loyalty.factor</c> file whose clip range, seen-item offsets or factors cannot be is refused at load
/// with an <see cref="InvalidDataException"/> naming the field, instead of loading and failing (or predicting NaN)
/// later. The files are written field by field through <see cref="ModelFileWriter"/> in the layout of
/// <see cref="FactorModelFile"/>: 2 users, 2 items, 1 factor, one damage per test.</summary>
public sealed class FactorModelFileTests
{
    [Fact]
    public void Load_HandWrittenValidFile_LoadsAndPredicts()
    {
        var model = FactorModel.Load(Write(new HandWrittenFactorFile()));
        Assert.Equal(2, model.UserIndex.Count);
        Assert.Equal(2, model.ItemIndex.Count);
        Assert.Equal(3.5 + 0.1 + 0.2 + (0.3 * 0.5), model.Predict("u1", "i1"), 1e-5); // mean + biases + p·q
    }

    [Fact]
    public void Load_ClipMinAboveMax_ThrowsNamingClip()
    {
        var ex = Assert.Throws<InvalidDataException>(() => FactorModel.Load(Write(new HandWrittenFactorFile { ClipMin = 5, ClipMax = 1 })));
        Assert.Contains("clip", ex.Message, StringComparison.Ordinal);
        Assert.Contains("minimum must be below the maximum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClipMinEqualsMax_Throws()
    {
        var ex = Assert.Throws<InvalidDataException>(() => FactorModel.Load(Write(new HandWrittenFactorFile { ClipMin = 3, ClipMax = 3 })));
        Assert.Contains("clip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DecreasingSeenOffsets_ThrowsNamingTheOffsetBeforeIndexing()
    {
        // Row 0 claims items 0..4 of a 2-item list: read through, it would index past the end. The offsets are
        // checked first, so the refusal is the named error, not IndexOutOfRangeException.
        var ex = Assert.Throws<InvalidDataException>(() => FactorModel.Load(Write(new HandWrittenFactorFile { SeenStart = [0, 5, 2] })));
        Assert.Contains("seen.start[2]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("must not decrease", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    public void Load_NonFiniteUserFactor_ThrowsNamingUserFactors(float value, string shown)
    {
        var ex = Assert.Throws<InvalidDataException>(() => FactorModel.Load(Write(new HandWrittenFactorFile { UserFactor = value })));
        Assert.Contains("userFactors", ex.Message, StringComparison.Ordinal);
        Assert.Contains(shown, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NaNItemFactor_ThrowsNamingItemFactors()
    {
        var ex = Assert.Throws<InvalidDataException>(() => FactorModel.Load(Write(new HandWrittenFactorFile { ItemFactor = float.NaN })));
        Assert.Contains("itemFactors", ex.Message, StringComparison.Ordinal);
    }

    private static MemoryStream Write(HandWrittenFactorFile file)
    {
        var stream = new MemoryStream();
        file.WriteTo(stream);
        stream.Position = 0;
        return stream;
    }
}
