using Loyalty.Core.Persistence;

namespace Loyalty.Core.Tests.Persistence;

/// <summary>The shared reader's checks, on files written field by field: each refusal names the field.</summary>
public sealed class ModelFileReaderTests
{
    private const string Format = "loyalty.test";

    private static byte[] File(Action<ModelFileWriter> body) => SavedModels.Save(s => ModelFileWriter.Write(s, Format, 1, body));

    private static InvalidDataException Refuse<T>(byte[] bytes, Func<ModelFileReader, T> body) =>
        Assert.Throws<InvalidDataException>(() => ModelFileReader.Read(new MemoryStream(bytes), Format, 1, body));

    [Fact]
    public void ReadDoubles_CountLargerThanTheFile_ThrowsBeforeAllocating()
    {
        byte[] bytes = File(w => w.Write(int.MaxValue));
        var ex = Refuse(bytes, r => r.ReadDoubles("weights"));
        Assert.Equal(
            "The loyalty.test model file is invalid: weights declares 2,147,483,647 values (17,179,869,176 bytes) but only 0 bytes remain (field at byte 21).",
            ex.Message);
    }

    [Fact]
    public void ReadDoubles_NegativeLength_ThrowsNamingTheField()
    {
        var ex = Refuse(File(w => w.Write(-4)), r => r.ReadDoubles("weights"));
        Assert.Contains("weights has a negative length (-4)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void ReadDoubles_NonFinite_ThrowsNamingTheElement(double bad, string shown)
    {
        var ex = Refuse(File(w => w.Write([1.0, bad])), r => r.ReadDoubles("weights"));
        Assert.Equal($"The loyalty.test model file is invalid: weights[1] is {shown}; it must be finite (field at byte 21).", ex.Message);
    }

    [Fact]
    public void ReadDoubles_LengthDiffersFromTheModelsSizes_Throws()
    {
        var ex = Refuse(File(w => w.Write([1.0, 2.0])), r => r.ReadDoubles("means", expectedLength: 3));
        Assert.Contains("means has 2 values; the model's sizes say 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDoubles_AllowNonFinite_KeepsNaN() =>
        Assert.True(double.IsNaN(ModelFileReader.Read(new MemoryStream(File(w => w.Write([double.NaN]))), Format, 1, r => r.ReadDoubles("errors", allowNonFinite: true))[0]));

    [Fact]
    public void ReadInt32_OutOfRange_ThrowsNamingTheRange()
    {
        var ex = Refuse(File(w => w.Write(0)), r => r.ReadInt32("k", 1, 100));
        Assert.Contains("k is 0; it must be between 1 and 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInt32s_ElementOutOfRange_ThrowsNamingTheElement()
    {
        var ex = Refuse(File(w => w.Write([0, 1, 7])), r => r.ReadInt32s("labels", 0, 3));
        Assert.Contains("labels[2] is 7; it must be between 0 and 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPositive_Zero_Throws()
    {
        var ex = Refuse(File(w => w.Write(0.0)), r => r.ReadPositive("eps"));
        Assert.Contains("eps is 0; it must be greater than 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEnum_UndefinedValue_ThrowsNamingTheType()
    {
        var ex = Refuse(File(w => w.Write(42)), r => r.ReadEnum<DayOfWeek>("day"));
        Assert.Contains("day is 42, not a DayOfWeek", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBoolean_NotZeroOrOne_Throws()
    {
        byte[] bytes = File(w => w.Write(2));
        var ex = Refuse(bytes, r => r.ReadBoolean("converged"));
        Assert.Contains("converged is 2; a flag must be 0 or 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadString_LengthLargerThanTheFile_Throws()
    {
        byte[] bytes = File(w => w.Write("abc"));
        bytes[^4] = 100; // the one-byte length prefix of "abc" now declares 100 bytes
        var ex = Refuse(bytes, r => r.ReadString("algorithm"));
        Assert.Contains("algorithm declares 100 bytes (100 bytes) but only 3 bytes remain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadString_InvalidUtf8_Throws()
    {
        byte[] bytes = File(w => w.Write("ab"));
        bytes[^1] = 0xFF;
        var ex = Refuse(bytes, r => r.ReadString("algorithm"));
        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Truncated_NamesTheFieldBeingRead()
    {
        byte[] bytes = File(w => w.Write(1.5));
        var ex = Refuse(bytes[..^2], r => r.ReadDouble("inertia"));
        Assert.Equal("The loyalty.test model file is truncated (it ends inside inertia, at byte 27).", ex.Message);
    }

    [Fact]
    public void Read_HeaderOnly_ReadsTheVersion() =>
        Assert.Equal(1, ModelFileReader.Read(new MemoryStream(File(_ => { })), Format, 2, r => r.Version));

    [Fact]
    public void Read_DamagedFormatName_ThrowsWithoutReadingIt()
    {
        byte[] bytes = File(_ => { });
        bytes[4] = 0x7F; // a 127-byte format name: longer than any format
        var ex = Refuse(bytes, r => r.Version);
        Assert.Contains("header is damaged", ex.Message, StringComparison.Ordinal);
    }
}
