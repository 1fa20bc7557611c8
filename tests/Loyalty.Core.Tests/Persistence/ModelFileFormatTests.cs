using Loyalty.Core.Tests.Recommendation;

namespace Loyalty.Core.Tests.Persistence;

/// <summary>What every model file shares: the header names the format, other formats and versions are refused with a
/// clear message, a cut file is an <see cref="InvalidDataException"/>, and saving is deterministic.</summary>
public sealed class ModelFileFormatTests
{
    public static TheoryData<string> Formats => [.. SavedModels.Formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Save_Header_NamesTheFormatAtVersionOne(string format)
    {
        byte[] bytes = SavedModels.Get(format).Bytes();
        Assert.Equal("LYMF"u8.ToArray(), bytes[..4]);
        Assert.Equal(format, System.Text.Encoding.UTF8.GetString(bytes, 5, bytes[4]));
        Assert.Equal(1, BitConverter.ToInt32(bytes, SavedModels.VersionOffset(bytes)));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Load_AnotherModelsFile_ThrowsNamingBothFormats(string format)
    {
        var model = SavedModels.Get(format);
        string other = format == "loyalty.kmeans" ? "loyalty.factor" : "loyalty.kmeans";
        byte[] otherBytes = SavedModels.Get(other).Bytes();
        var ex = Assert.Throws<InvalidDataException>(() => model.Load(new MemoryStream(otherBytes)));
        Assert.Equal($"The stream is a {other} model file, not {format}.", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Load_NewerVersion_ThrowsNamingBothVersions(string format)
    {
        var model = SavedModels.Get(format);
        byte[] newer = SavedModels.WithVersion(model.Bytes(), 3);
        var ex = Assert.Throws<InvalidDataException>(() => model.Load(new MemoryStream(newer)));
        Assert.Equal($"{format} version 3 is newer than this library reads (1).", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Load_VersionZero_ThrowsInvalidData(string format)
    {
        var model = SavedModels.Get(format);
        byte[] zero = SavedModels.WithVersion(model.Bytes(), 0);
        var ex = Assert.Throws<InvalidDataException>(() => model.Load(new MemoryStream(zero)));
        Assert.Contains("version 0 is not a valid version", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Load_EveryTruncation_ThrowsInvalidData(string format)
    {
        var model = SavedModels.Get(format);
        byte[] bytes = model.Bytes();

        // Every cut of a small file; about 400 evenly spread cuts of a large one, always including the last byte.
        int step = Math.Max(1, bytes.Length / 400);
        foreach (int length in Enumerable.Range(0, bytes.Length).Where(l => l % step == 0).Append(bytes.Length - 1))
        {
            byte[] cut = bytes[..length];
            var ex = Assert.Throws<InvalidDataException>(() => model.Load(new MemoryStream(cut)));
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Load_NotAModelFile_ThrowsNamingTheExpectedFormat(string format)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SavedModels.Get(format).Load(new MemoryStream("id,x\n1,2\n"u8.ToArray())));
        Assert.Equal($"Not a Loyalty model file (no LYMF header); expected a {format} model file.", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void SaveLoadSave_SameBytes(string format)
    {
        var model = SavedModels.Get(format);
        byte[] first = model.Bytes();
        object loaded = model.Load(new MemoryStream(first));
        var save = loaded.GetType().GetMethod("Save", [typeof(Stream)])!;
        byte[] second = SavedModels.Save(s => save.Invoke(loaded, [s]));
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Load_NonSeekableStream_ReadsTheSameModel(string format)
    {
        var model = SavedModels.Get(format);
        byte[] bytes = model.Bytes();
        object loaded = model.Load(new ForwardOnlyStream(bytes));
        var save = loaded.GetType().GetMethod("Save", [typeof(Stream)])!;
        Assert.Equal(bytes, SavedModels.Save(s => save.Invoke(loaded, [s])));
    }
}
